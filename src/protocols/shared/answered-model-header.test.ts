import { describe, expect, it } from 'vitest';
import { encodeAnsweredModelHeader } from './answered-model-header.ts';

describe('encodeAnsweredModelHeader', () => {
  it('sends an ASCII name as it is', () => {
    expect(encodeAnsweredModelHeader('Claude-4-Sonnet')).toBe('Claude-4-Sonnet');
    expect(encodeAnsweredModelHeader('sfdc_ai__DefaultGPT41')).toBe('sfdc_ai__DefaultGPT41');
  });

  it('percent-encodes a name Node could not send in a header', () => {
    expect(encodeAnsweredModelHeader('sfdc_ai__模型')).toBe('sfdc_ai__%E6%A8%A1%E5%9E%8B');
    expect(encodeAnsweredModelHeader('sfdc_ai__a\r\nx-evil: 1')).toBe('sfdc_ai__a%0D%0Ax-evil%3A%201');
  });
});
