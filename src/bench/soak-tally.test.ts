import { describe, expect, it } from 'vitest';
import { SoakTally } from './soak-tally.ts';

describe('SoakTally', () => {
  it('counts per kind, keeps each kind first failure and lists idle kinds too', () => {
    const tally = new SoakTally(['chat', 'embeddings', 'count tokens']);
    tally.succeed('chat');
    tally.succeed('chat');
    tally.fail('embeddings', 'HTTP 502: first');
    tally.fail('embeddings', 'HTTP 503: second');
    tally.succeed('embeddings');
    expect(tally.perKind()).toEqual([
      { kind: 'chat', succeeded: 2, failed: 0, firstFailure: undefined },
      { kind: 'embeddings', succeeded: 1, failed: 2, firstFailure: 'HTTP 502: first' },
      { kind: 'count tokens', succeeded: 0, failed: 0, firstFailure: undefined },
    ]);
    expect(tally.total).toBe(5);
    expect(tally.succeeded).toBe(3);
    expect(tally.failed).toBe(2);
    expect(tally.failureRate()).toBe(0.4);
  });

  it('reports no failure rate before any request', () => {
    expect(new SoakTally(['chat']).failureRate()).toBe(0);
  });

  it('hands out copies, so a report cannot change the counts', () => {
    const tally = new SoakTally(['chat']);
    const [chat] = tally.perKind();
    if (chat) chat.succeeded = 99;
    expect(tally.total).toBe(0);
  });
});
