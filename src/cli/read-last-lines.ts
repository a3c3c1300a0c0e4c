import { open } from 'node:fs/promises';

/** The last lines of a file and the offset its end was at when read. */
export interface FileTail {
  lines: string[];
  endOffset: number;
}

const chunkBytes = 64 * 1024;

/** Reads backwards from the end until `count` whole lines are found (or the file starts). */
export async function readLastLines(file: string, count: number): Promise<FileTail> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    let start = size;
    let text = '';
    while (start > 0 && countLineBreaks(text) <= count) {
      const length = Math.min(chunkBytes, start);
      start -= length;
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, start);
      // reading whole bytes from the start of a chunk may split a UTF-8 sequence; latin1 keeps
      // every byte so the final decode below is exact
      text = buffer.toString('latin1') + text;
    }
    const decoded = Buffer.from(text, 'latin1').toString('utf8');
    const lines = decoded.split('\n');
    if (lines.at(-1) === '') lines.pop();
    return { lines: count === 0 ? [] : lines.slice(-count), endOffset: size };
  } finally {
    await handle.close();
  }
}

function countLineBreaks(text: string): number {
  let breaks = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) breaks += 1;
  return breaks;
}
