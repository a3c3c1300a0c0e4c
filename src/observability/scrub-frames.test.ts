import { describe, expect, it } from 'vitest';
import { scrubFrames } from './scrub-frames.ts';

const frame = (content: string) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-DGZ7lcbIRXQzhk1g_0_PtvvlEOmfz', choices: [{ delta: { content } }] })}`;
const contents = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('data: {"id"'))
    .map((line) => JSON.parse(line.slice(6)).choices[0].delta.content);

describe('scrubFrames', () => {
  it('censors a secret spread over the deltas of several frames', () => {
    const stream = [
      frame('my key is sk-proj-Zx8'),
      frame('1QpLm29Rt'),
      frame('5Vw0 and more'),
      'data: [DONE]',
    ].join('\n\n');
    const scrubbed = scrubFrames(stream);
    expect(contents(scrubbed)).toEqual(['my key is [redacted]', '', ' and more']);
    expect(scrubbed).toContain('data: [DONE]');
    // a string repeated in every frame is not joined into one long token-like run
    expect(scrubbed).toContain('chatcmpl-DGZ7lcbIRXQzhk1g_0_PtvvlEOmfz');
  });

  it('censors a known secret spread over frames, and keys named like secrets', () => {
    const stream = [frame('ops-key-5d1f0c9e'), frame('8b7a6f43 ok'), 'data: {"token":"abc"}'].join('\n\n');
    const scrubbed = scrubFrames(stream, ['ops-key-5d1f0c9e8b7a6f43']);
    expect(contents(scrubbed)).toEqual(['[redacted]', ' ok']);
    expect(scrubbed).toContain('{"token":"[redacted]"}');
    expect(scrubbed).not.toMatch(/5d1f|8b7a/);
  });

  it('shows nothing of a document nested deeper than it walks', () => {
    let deep: unknown = 'sk-abcdefghijklmnop';
    for (let level = 0; level < 100; level++) deep = [deep];
    const scrubbed = scrubFrames(JSON.stringify(deep));
    expect(scrubbed).toContain('[too deep]');
    expect(scrubbed).not.toContain('abcdefghijklmnop');
  });

  it('scrubs one JSON answer, and plain text by pattern', () => {
    expect(JSON.parse(scrubFrames('{"api_key":"x","text":"Bearer abcdefghij"}'))).toEqual({
      api_key: '[redacted]',
      text: '[redacted]',
    });
    expect(scrubFrames('not json, Bearer abcdefghij')).toBe('not json, [redacted]');
  });
});
