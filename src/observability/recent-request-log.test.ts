import { describe, expect, it } from 'vitest';
import { type RecentRequest, RecentRequestLog } from './recent-request-log.ts';

function request(id: string): RecentRequest {
  return {
    id,
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
  };
}

describe('RecentRequestLog', () => {
  it('lists newest first and drops the oldest once full', () => {
    const log = new RecentRequestLog(3);
    for (const id of ['a', 'b', 'c', 'd']) log.add({ request: request(id), bodies: null });
    expect([...log.newestFirst()].map((entry) => entry.request.id)).toEqual(['d', 'c', 'b']);
    expect(log.find('b')?.request.id).toBe('b');
    expect(log.find('a')).toBeUndefined();
  });

  it('lists nothing while empty', () => {
    expect([...new RecentRequestLog(2).newestFirst()]).toEqual([]);
  });
});
