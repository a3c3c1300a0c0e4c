import { describe, expect, it } from 'vitest';
import { isSecretKeyName, scrubSecrets, scrubSecretText } from './secret-scrubber.ts';

describe('scrubSecrets', () => {
  it('censors values under keys named like secrets, whatever their spelling', () => {
    for (const key of [
      'api_key',
      'apiKey',
      'x-api-key',
      'Authorization',
      'client_secret',
      'password',
      'refresh_token',
    ])
      expect(isSecretKeyName(key), key).toBe(true);
    for (const key of ['max_tokens', 'input_tokens', 'model', 'messages', 'tool_choice', 'keywords'])
      expect(isSecretKeyName(key), key).toBe(false);
    expect(scrubSecrets({ model: 'm', nested: [{ api_key: 'anything at all' }], max_tokens: 5 })).toEqual({
      model: 'm',
      nested: [{ api_key: '[redacted]' }],
      max_tokens: 5,
    });
  });

  it('finds tokens inside any string: bearer, JWT, sk- keys, Salesforce tokens, long hex and base64', () => {
    const samples = [
      'Bearer abc.def-ghi_jkl',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl',
      'sk-ant-api03-abcdefghijklmnop',
      '00D5g000004ABCD!AQ0AQHn3bNh8.Xa1b2c3d4e5f6g7h8',
      '0123456789abcdef0123456789abcdef',
      'QWxhZGRpbjpvcGVuIHNlc2FtZQ9x8Zk3mN4pQ7rT2vW5yB8cE1fH4',
    ];
    for (const secret of samples) {
      const scrubbed = scrubSecretText(`before ${secret} after`);
      expect(scrubbed, secret).toBe('before [redacted] after');
    }
  });

  it('leaves ordinary text, paths and numbers alone', () => {
    const text =
      'Call /v1/chat/completions/with/a/rather/long/path/name at 12:30 with model sfdc_ai__DefaultGPT4Omni';
    expect(scrubSecretText(text)).toBe(text);
    expect(scrubSecrets({ count: 3, ok: true, nothing: null })).toEqual({
      count: 3,
      ok: true,
      nothing: null,
    });
  });

  it('stops walking past a depth no honest body reaches', () => {
    let deep: unknown = 'sk-abcdefghijklmnop';
    for (let level = 0; level < 100; level++) deep = [deep];
    expect(JSON.stringify(scrubSecrets(deep))).toContain('[too deep]');
    expect(JSON.stringify(scrubSecrets(deep))).not.toContain('sk-abcdefghijklmnop');
  });
});
