import type { UsageRecord } from './usage-record.ts';

/** A finished chat by the key n8n on 2026-12-04 (UTC), with any field changed. */
export function usageRecordOf(overrides: Partial<UsageRecord> = {}): UsageRecord {
  return {
    key: 'n8n',
    model: 'gpt-4o-mini',
    upstreamModel: 'sfdc_ai__DefaultGPT4OmniMini',
    protocol: 'openai',
    route: '/v1/chat/completions',
    status: 200,
    inputTokens: 12,
    outputTokens: 5,
    estimated: false,
    durationMs: 30,
    stream: false,
    endedAt: Date.parse('2026-12-04T10:00:00Z'),
    ...overrides,
  };
}
