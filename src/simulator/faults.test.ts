import { describe, expect, it } from 'vitest';
import { FaultQueue, type ModelsFault, matchesModel } from './faults.ts';

describe('FaultQueue', () => {
  it('serves faults oldest first, each up to its count', () => {
    const queue = new FaultQueue<ModelsFault>();
    queue.add({ status: 503, count: 2 });
    queue.add({ status: 500 });
    expect(queue.size()).toBe(3);
    expect([queue.take(), queue.take(), queue.take(), queue.take()].map((fault) => fault?.status)).toEqual([
      503,
      503,
      500,
      undefined,
    ]);
  });

  it('skips faults the matcher rejects without consuming them', () => {
    const queue = new FaultQueue<ModelsFault>();
    queue.add({ status: 429, endpoint: 'embeddings' });
    queue.add({ status: 500 });
    const forChat = (fault: ModelsFault) => (fault.endpoint ?? 'chat-generations') === 'chat-generations';
    expect(queue.take(forChat)?.status).toBe(500);
    expect(queue.take(forChat)).toBeUndefined();
    expect(queue.take()?.status).toBe(429);
  });

  it.each([
    [{ count: 0 }, /count/],
    [{ count: 1.5 }, /count/],
    [{ status: 99 }, /status/],
    [{ status: 600 }, /status/],
    [{ delayMs: -1 }, /delayMs/],
    [{ connection: 'drop' as 'reset' }, /connection must be one of reset, truncate, hang/],
    [{ connection: 'reset' as const, status: 500 }, /not both/],
  ])('rejects the invalid fault %o', (fault, message) => {
    expect(() => new FaultQueue<ModelsFault>().add(fault)).toThrow(message);
  });

  it('forgets everything on clear', () => {
    const queue = new FaultQueue<ModelsFault>();
    queue.add({ status: 500, count: 5 });
    queue.clear();
    expect(queue.take()).toBeUndefined();
  });
});

describe('matchesModel', () => {
  it('lets a fault without a model hit every request, one with a model only requests for it', () => {
    expect(matchesModel({}, 'sfdc_ai__DefaultGPT41')).toBe(true);
    expect(matchesModel({}, undefined)).toBe(true);
    expect(matchesModel({ model: 'sfdc_ai__DefaultGPT41' }, 'sfdc_ai__DefaultGPT41')).toBe(true);
    expect(matchesModel({ model: 'sfdc_ai__DefaultGPT41' }, 'sfdc_ai__DefaultGPT41Mini')).toBe(false);
    expect(matchesModel({ model: 'sfdc_ai__DefaultGPT41' }, undefined)).toBe(false);
  });
});
