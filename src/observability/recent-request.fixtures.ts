import type { RecentRequest } from './recent-request-log.ts';

/** A finished OpenAI chat request as the console logs it, with `overrides` on top. */
export function recentRequest(overrides: Partial<RecentRequest> = {}): RecentRequest {
  return {
    id: 'r',
    time: 0,
    key: null,
    protocol: 'openai',
    method: 'POST',
    route: '/v1/chat/completions',
    model: null,
    status: 200,
    durationMs: 1,
    overheadMs: 1,
    stream: false,
    inputTokens: null,
    outputTokens: null,
    ...overrides,
  };
}
