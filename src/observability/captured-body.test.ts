import { describe, expect, it } from 'vitest';
import { captureJsonBody, captureTextBody, cutToBytes } from './captured-body.ts';
import { scrubSecrets } from './secret-scrubber.ts';

describe('captured bodies', () => {
  it('cuts at the byte bound, never inside a character, and says it did', () => {
    expect(cutToBytes('short', 100)).toEqual({ text: 'short', truncated: false });
    const cut = cutToBytes('ééééé', 5);
    expect(cut).toEqual({ text: 'éé', truncated: true });
    expect(cutToBytes('abcdef', 6)).toEqual({ text: 'abcdef', truncated: false });
  });

  it('scrubs a JSON body by key and by value before cutting it', () => {
    const captured = captureJsonBody({ api_key: 'hunter2', prompt: 'use sk-abcdefghijklmnop' }, 1000);
    expect(JSON.parse(captured.text)).toEqual({ api_key: '[redacted]', prompt: 'use [redacted]' });
  });

  it('cuts a huge string before searching it, yet censors a secret that straddles the bound', () => {
    const secret = 'sk-abcdefghijklmnopqrstuvwxyz';
    // a bare JSON string: the secret starts at byte 991 of the body, 9 bytes before the bound
    const content = `${'a '.repeat(495)}${secret} ${'lorem '.repeat(200_000)}`;
    const captured = captureJsonBody(content, 1000);
    expect(captured.truncated).toBe(true);
    expect(Buffer.byteLength(captured.text)).toBeLessThanOrEqual(1000);
    expect(captured.text).not.toContain('sk-abc');
    expect(JSON.stringify(scrubSecrets({ content }, 50))).toHaveLength('{"content":""}'.length + 50);
  });

  it('scrubs each data line of a stream as JSON, and keeps the truncation of frames not kept', () => {
    const stream = 'data: {"token":"abc","delta":"hi"}\n\ndata: [DONE]\n\n';
    const captured = captureTextBody(stream, 1000, true);
    expect(captured.text).toBe('data: {"token":"[redacted]","delta":"hi"}\n\ndata: [DONE]\n\n');
    expect(captured.truncated).toBe(true);
    expect(captureTextBody('not json, Bearer abcdefghij', 1000).text).toBe('not json, [redacted]');
  });
});
