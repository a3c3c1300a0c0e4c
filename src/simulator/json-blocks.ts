import { readBlock } from '../emulation/tools/envelope.ts';

/** The JSON value of every block with these tags that parses, in order; mentions of a tag in prose are skipped. */
export function readJsonBlocks(text: string, tags: readonly [string, string]): unknown[] {
  const values: unknown[] = [];
  for (let start = text.indexOf(tags[0]); start !== -1; start = text.indexOf(tags[0], start + 1)) {
    const body = readBlock(text.slice(start), tags) ?? '';
    try {
      values.push(JSON.parse(body));
    } catch {
      // a tag named in the instructions' prose, or a block the client mangled: not a block to read
    }
  }
  return values;
}
