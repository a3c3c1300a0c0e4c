import { describe, expect, it } from 'vitest';
import { createProcessMemoryReader, parseVmRssBytes } from './gateway-memory.ts';

describe('parseVmRssBytes', () => {
  it('reads VmRSS from a /proc status text', () => {
    const status = [
      'Name:\tnode',
      'VmPeak:\t 1234567 kB',
      'VmHWM:\t  400000 kB',
      'VmRSS:\t  345678 kB',
      'RssAnon:\t  300000 kB',
    ].join('\n');
    expect(parseVmRssBytes(status)).toBe(345_678 * 1024);
  });

  it('finds nothing in a status text without VmRSS (a zombie)', () => {
    expect(parseVmRssBytes('Name:\tnode\nState:\tZ (zombie)\n')).toBeUndefined();
  });
});

describe('createProcessMemoryReader', () => {
  it('takes RSS from /proc for this very process and the heap from the gateway report', async () => {
    const reported = async () => ({ rssBytes: 1, heapUsedBytes: 7 });
    const reading = await createProcessMemoryReader(process.pid, reported)();
    expect(reading.heapUsedBytes).toBe(7);
    // /proc counts this process's RSS, which is far above the 1 byte the report claims
    expect(reading.rssBytes).toBeGreaterThan(1024 * 1024);
  });

  it('falls back to the reported RSS where /proc has no such process', async () => {
    const reported = async () => ({ rssBytes: 123, heapUsedBytes: undefined });
    expect(await createProcessMemoryReader(2 ** 30, reported)()).toEqual({
      rssBytes: 123,
      heapUsedBytes: undefined,
    });
  });

  it('fails when neither source answers', async () => {
    const reported = async () => {
      throw new Error('refused');
    };
    await expect(createProcessMemoryReader(2 ** 30, reported)()).rejects.toThrow(/cannot read the memory/);
  });
});
