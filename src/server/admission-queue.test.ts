import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdmissionQueue, ShedError } from './admission-queue.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('AdmissionQueue', () => {
  it('admits up to maxInFlight at once and hands freed slots to waiters in arrival order', async () => {
    const queue = new AdmissionQueue({ maxInFlight: 2, maxQueued: 5, queueTimeoutMs: 10_000 });
    const first = await queue.acquire();
    await queue.acquire();
    const order: string[] = [];
    const third = queue.acquire().then((release) => {
      order.push('third');
      return release;
    });
    const fourth = queue.acquire().then((release) => {
      order.push('fourth');
      return release;
    });
    expect(queue.stats()).toEqual({ running: 2, queued: 2 });
    first();
    first(); // a second call of the same release frees nothing more
    await third;
    expect(order).toEqual(['third']);
    expect(queue.stats()).toEqual({ running: 2, queued: 1 });
    (await third)();
    await fourth;
    expect(order).toEqual(['third', 'fourth']);
  });

  it('hands out a slot at once only when one is free and nobody waits', async () => {
    const queue = new AdmissionQueue({ maxInFlight: 1, maxQueued: 5, queueTimeoutMs: 10_000 });
    const release = queue.tryAcquire();
    expect(release).toBeDefined();
    expect(queue.tryAcquire()).toBeUndefined();
    const waiting = queue.acquire();
    release?.();
    // the freed slot went to the waiter, not to a newcomer
    expect(queue.tryAcquire()).toBeUndefined();
    (await waiting)();
    expect(queue.stats()).toEqual({ running: 0, queued: 0 });
  });

  it('sheds at once when the queue is full', async () => {
    const queue = new AdmissionQueue({ maxInFlight: 1, maxQueued: 1, queueTimeoutMs: 10_000 });
    await queue.acquire();
    // the waiter is shed after queueTimeoutMs, once this test is over: its rejection is expected
    queue.acquire().catch(() => undefined);
    const shed = await queue.acquire().catch((error) => error);
    expect(shed).toBeInstanceOf(ShedError);
    expect(shed.reason).toBe('queue_full');
  });

  it('sheds a waiter after queueTimeoutMs and forgets it', async () => {
    vi.useFakeTimers();
    const queue = new AdmissionQueue({ maxInFlight: 1, maxQueued: 3, queueTimeoutMs: 500 });
    const release = await queue.acquire();
    const waiting = queue.acquire().catch((error) => error);
    await vi.advanceTimersByTimeAsync(499);
    expect(queue.stats().queued).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await waiting).reason).toBe('queue_timeout');
    expect(queue.stats()).toEqual({ running: 1, queued: 0 });
    release();
    expect(queue.stats()).toEqual({ running: 0, queued: 0 });
  });

  it('drops a waiter whose client went away, without giving it a slot', async () => {
    const queue = new AdmissionQueue({ maxInFlight: 1, maxQueued: 3, queueTimeoutMs: 10_000 });
    const release = await queue.acquire();
    const gone = new AbortController();
    const waiting = queue.acquire(gone.signal).catch((error) => error);
    gone.abort(new Error('client left'));
    expect((await waiting).message).toBe('client left');
    release();
    expect(queue.stats()).toEqual({ running: 0, queued: 0 });
  });
});
