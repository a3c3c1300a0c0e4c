import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLastLines } from './read-last-lines.ts';

async function fileWith(text: string): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'sfgw-tail-')), 'log');
  await writeFile(file, text);
  return file;
}

describe('readLastLines', () => {
  it('returns the last lines and the end offset', async () => {
    const file = await fileWith('a\nb\nc\nd\n');
    expect(await readLastLines(file, 2)).toEqual({ lines: ['c', 'd'], endOffset: 8 });
  });

  it('returns every line of a short file, with or without a final newline', async () => {
    expect((await readLastLines(await fileWith('x\ny'), 10)).lines).toEqual(['x', 'y']);
    expect((await readLastLines(await fileWith(''), 3)).lines).toEqual([]);
  });

  it('reads across chunk boundaries without cutting multi-byte characters', async () => {
    const lines = Array.from({ length: 5000 }, (_, index) => `line ${index} – ünïcode`);
    const file = await fileWith(`${lines.join('\n')}\n`);
    expect((await readLastLines(file, 3000)).lines).toEqual(lines.slice(-3000));
  });
});
