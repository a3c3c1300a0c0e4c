import { describe, expect, it } from 'vitest';
import { recentRequest } from './recent-request.fixtures.ts';
import { RecentRequestLog } from './recent-request-log.ts';

const request = (id: string) => recentRequest({ id });

describe('RecentRequestLog', () => {
  it('lists newest first and drops the oldest once full', () => {
    const log = new RecentRequestLog(3);
    for (const id of ['a', 'b', 'c', 'd']) log.add(request(id), null);
    expect([...log.newestFirst()].map((entry) => entry.id)).toEqual(['d', 'c', 'b']);
    expect(log.find('b')?.request.id).toBe('b');
    expect(log.find('a')).toBeUndefined();
    const bodies = { requestBody: '{}', responseBody: null, truncated: false };
    log.add(request('e'), bodies);
    expect(log.find('e')?.bodies).toBe(bodies);
    expect(log.find('d')?.bodies).toBeNull();
  });

  it('lists nothing while empty', () => {
    expect([...new RecentRequestLog(2).newestFirst()]).toEqual([]);
  });
});
