import { describe, expect, it } from 'vitest';
import { parseRssBytes, parseStat } from './process-tree.ts';

describe('parseStat', () => {
  it('reads the parent PID and user plus system ticks, even with spaces and parentheses in the name', () => {
    const stat = '4242 (node (x) y) S 17 4242 17 0 -1 4194560 900 0 0 0 123 45 0 0 20 0 11 0 1000 1 2';
    expect(parseStat(stat)).toEqual({ ppid: 17, ticks: 168 });
  });
});

describe('parseRssBytes', () => {
  it('reads VmRSS in bytes, and 0 when it is missing', () => {
    expect(parseRssBytes('Name:\tnode\nVmRSS:\t  138444 kB\nThreads:\t7\n')).toBe(138444 * 1024);
    expect(parseRssBytes('Name:\tnode\n')).toBe(0);
  });
});
