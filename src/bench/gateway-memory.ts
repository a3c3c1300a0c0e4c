import { readFile } from 'node:fs/promises';

/** The gateway's memory at one moment, in bytes. */
export interface MemoryReading {
  rssBytes: number;
  /** The V8 heap in use, when the gateway reports it. */
  heapUsedBytes: number | undefined;
}

/** Reads the gateway's memory now; throws when it cannot. */
export type MemoryReader = () => Promise<MemoryReading>;

/** The resident set size in a Linux /proc/<pid>/status text, in bytes. */
export function parseVmRssBytes(statusText: string): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(statusText);
  return match ? Number(match[1]) * 1024 : undefined;
}

/** Reads `memoryBytes` from a gateway's `/v1/performance/metrics`. */
export function createReportedMemoryReader(baseUrl: string, headers: Record<string, string>): MemoryReader {
  return async () => {
    const response = await fetch(`${baseUrl}/v1/performance/metrics`, {
      headers,
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) throw new Error(`/v1/performance/metrics answered ${response.status}`);
    const report = (await response.json()) as { memoryBytes?: { rss?: unknown; heapUsed?: unknown } };
    const { rss, heapUsed } = report.memoryBytes ?? {};
    if (typeof rss !== 'number') throw new Error('/v1/performance/metrics reports no memoryBytes.rss');
    return { rssBytes: rss, heapUsedBytes: typeof heapUsed === 'number' ? heapUsed : undefined };
  };
}

/**
 * Reads a local gateway process: RSS from /proc as the kernel counts it, the heap from the
 * gateway's own report. Where /proc is missing (not Linux), the reported RSS stands in.
 */
export function createProcessMemoryReader(pid: number, reported: MemoryReader): MemoryReader {
  return async () => {
    const [status, gatewayView] = await Promise.all([
      readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined),
      reported().catch(() => undefined),
    ]);
    const rssBytes = (status === undefined ? undefined : parseVmRssBytes(status)) ?? gatewayView?.rssBytes;
    if (rssBytes === undefined) throw new Error(`cannot read the memory of process ${pid}`);
    return { rssBytes, heapUsedBytes: gatewayView?.heapUsedBytes };
  };
}
