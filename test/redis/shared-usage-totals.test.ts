import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedUsageTotals } from '../../src/observability/usage/shared-usage-totals.ts';
import { usageRecordOf } from '../../src/observability/usage/usage-record.fixtures.ts';
import { SharedRedis } from '../../src/transport/shared-redis.ts';
import { sharedRedisUrl } from '../support/shared-redis-url.ts';

let server: Awaited<ReturnType<typeof sharedRedisUrl>>;
let redis: SharedRedis;
beforeAll(async () => {
  server = await sharedRedisUrl();
  redis = new SharedRedis({
    url: server.url,
    keyPrefix: `sfgw-test-usage-${process.pid}-${Date.now()}:`,
    logger: pino({ level: 'silent' }),
  });
  expect(await redis.waitUntilReady(5_000)).toBe(true);
});
afterAll(async () => {
  await redis?.close();
  await server?.close();
});

const record = usageRecordOf({ inputTokens: 11, outputTokens: 4 });
const filter = { from: '2026-12-04', to: '2026-12-04' };

describe('usage totals in Redis', () => {
  it('counts a batch whose answer was lost only once when it is sent again', async () => {
    const failures: unknown[] = [];
    const totals = new SharedUsageTotals(redis, (error) => failures.push(error));
    const evaluate = redis.client.eval.bind(redis.client);
    let loseNextAnswer = true;
    // Redis applies the batch, and the answer is lost on the way back.
    redis.client.eval = (async (...args: Parameters<typeof evaluate>) => {
      const result = await evaluate(...args);
      if (loseNextAnswer) {
        loseNextAnswer = false;
        throw new Error('Command timed out');
      }
      return result;
    }) as typeof redis.client.eval;
    try {
      totals.addRecord(record);
      totals.addRecord({ ...record, status: 500, outputTokens: 0 });
      await totals.push();
      expect(failures).toHaveLength(1);
      expect(totals.unsent(filter)).toHaveLength(1);
      totals.addRecord({ ...record, key: null });
      await totals.push();
      await totals.push();
    } finally {
      redis.client.eval = evaluate;
    }
    expect(totals.unsent(filter)).toEqual([]);
    const rows = await totals.query(filter);
    // Redis keeps a day's rows as a set: in no particular order
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: null, requests: 1, inputTokens: 11 }),
        expect.objectContaining({
          key: 'n8n',
          model: 'gpt-4o-mini',
          upstreamModel: 'sfdc_ai__DefaultGPT4OmniMini',
          day: '2026-12-04',
          requests: 2,
          errors: 1,
          inputTokens: 22,
          outputTokens: 4,
          estimated: 0,
        }),
      ]),
    );
    expect(await totals.query({ ...filter, key: 'n8n', model: 'other' })).toEqual([]);
  });
});
