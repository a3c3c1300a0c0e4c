import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.ts';
import type { StreamEvent } from '../../core/model.ts';
import { collectEvents, testContext, textRequest } from '../../core/provider.fixtures.ts';
import { equalRouter, fakeOrgProvider, poolMembers, type ScriptedStreamStep } from './org-pool.fixtures.ts';
import { OrgPoolProvider } from './org-pool-provider.ts';

const usage = { inputTokens: 1, outputTokens: 1, totalTokens: 2 };
const start: StreamEvent = { type: 'response-start', id: 'r-1', servedModel: 'gpt', created: 1, usage };
const delta: StreamEvent = { type: 'text-delta', index: 0, delta: 'hi' };
const finish: StreamEvent = { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage };

function twoOrgPool(streamsOfA: ScriptedStreamStep[][], streamsOfB: ScriptedStreamStep[][]) {
  const router = equalRouter(['a', 'b']);
  const a = fakeOrgProvider('a', { streams: streamsOfA });
  const b = fakeOrgProvider('b', { streams: streamsOfB });
  const pool = new OrgPoolProvider(poolMembers({ a, b }), router);
  return { pool, router, a, b };
}

describe('OrgPoolProvider streams', () => {
  it('fails over when an org fails before its first event', async () => {
    const rateLimited = new GatewayError('rate_limit', 'slow down');
    const { pool, router, b } = twoOrgPool([[rateLimited]], [[start, delta, finish]]);
    expect(await collectEvents(pool.streamChat?.(textRequest('hi'), testContext))).toEqual([
      start,
      delta,
      finish,
    ]);
    expect(b.record.calls).toEqual(['stream']);
    expect(router.status().map((org) => [org.failures, org.inFlight])).toEqual([
      [1, 0],
      [0, 0],
    ]);
    expect(router.isCoolingDown('a')).toBe(true);
  });

  it('does not fail over once the first event went out: the error reaches the consumer', async () => {
    const broke = new GatewayError('upstream_error', 'broke mid-stream');
    const { pool, router, b } = twoOrgPool([[start, broke]], [[start, finish]]);
    const seen: StreamEvent[] = [];
    const consume = async () => {
      for await (const event of pool.streamChat?.(textRequest('hi'), testContext) ?? []) seen.push(event);
    };
    await expect(consume()).rejects.toBe(broke);
    expect(seen).toEqual([start]);
    expect(b.record.calls).toEqual([]);
    expect(router.status()[0]).toMatchObject({ requests: 1, failures: 1, inFlight: 0 });
  });

  it("keeps the org's call in flight while the stream runs and ends it when the consumer returns early", async () => {
    const { pool, router, a } = twoOrgPool([[start, delta, finish]], []);
    const iterator = pool.streamChat?.(textRequest('hi'), testContext)[Symbol.asyncIterator]();
    expect(await iterator?.next()).toEqual({ done: false, value: start });
    expect(router.status()[0]?.inFlight).toBe(1);
    expect(await iterator?.return?.()).toEqual({ done: true, value: undefined });
    expect(a.record.streamsClosed).toBe(1);
    expect(router.status()[0]).toMatchObject({ requests: 1, failures: 0, inFlight: 0 });
  });

  it('answers an org that streams nothing with nothing and ends its call', async () => {
    const { pool, router } = twoOrgPool([[]], []);
    expect(await collectEvents(pool.streamChat?.(textRequest('hi'), testContext))).toEqual([]);
    expect(router.status()[0]).toMatchObject({ requests: 1, failures: 0, inFlight: 0 });
  });
});
