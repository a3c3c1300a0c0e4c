import { describe, expect, it } from 'vitest';
import { ConsoleActivity } from './console-activity.ts';
import { recentRequest } from './recent-request.fixtures.ts';

const base = recentRequest({ model: 'gpt-4o-mini', inputTokens: 1, outputTokens: 1 });

describe('ConsoleActivity', () => {
  it('counts rates over their windows and requests per model, most first', () => {
    const activity = new ConsoleActivity({ recentRequests: 10, captureBodies: false, bodyMaxBytes: 100 });
    expect(activity.snapshot(0)).toMatchObject({ perSecond: 0, errorRate: null, models: [] });
    activity.record(base, null, 'gpt-4o-mini', 100_000);
    activity.record({ ...base, status: 500 }, null, 'other', 100_500);
    activity.record(base, null, 'other', 101_000);
    activity.recordTimeToFirstToken(42);
    const snapshot = activity.snapshot(101_000);
    expect(snapshot.perSecond).toBe(0.3);
    expect(snapshot.errorRate).toBeCloseTo(1 / 3);
    expect(snapshot.models).toEqual([
      { model: 'other', requests: 2 },
      { model: 'gpt-4o-mini', requests: 1 },
    ]);
    expect(snapshot.timeToFirstTokenMs).toMatchObject({ samples: 1, p50: 42 });
    expect(activity.snapshot(200_000)).toMatchObject({ perSecond: 0, errorRate: null });
  });
});
