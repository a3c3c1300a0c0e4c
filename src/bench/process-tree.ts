import { readdir, readFile } from 'node:fs/promises';
import { parseVmRssBytes } from './gateway-memory.ts';

/** CPU and memory of a process and every descendant, read from Linux /proc. */
export interface TreeReading {
  /** User plus system CPU time, in milliseconds (clock-tick resolution, 10 ms). */
  cpuMs: number;
  rssBytes: number;
  pids: number[];
}

// USER_HZ is 100 on every Linux the gateway runs on
const msPerTick = 10;

/** The parent PID and the CPU ticks in one /proc/<pid>/stat text; undefined when it does not parse. */
export function parseStat(statText: string): { ppid: number; ticks: number } | undefined {
  // the command name is in parentheses and may itself hold spaces or parentheses
  const fields = statText.slice(statText.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(fields[1]);
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ppid) && Number.isFinite(ticks) ? { ppid, ticks } : undefined;
}

/** The resident set size in a /proc/<pid>/status text, in bytes (gateway-memory's parse); 0 when it is missing. */
export function parseRssBytes(statusText: string): number {
  return parseVmRssBytes(statusText) ?? 0;
}

/** Reads `rootPid` and its descendants (found through /proc/<pid>/task/<tid>/children) now; throws when it is gone. */
export async function readProcessTree(rootPid: number): Promise<TreeReading> {
  const pids = [rootPid];
  let ticks = 0;
  let rssBytes = 0;
  for (let index = 0; index < pids.length; index += 1) {
    const pid = pids[index] as number;
    const [statText, statusText, tasks] = await Promise.all([
      readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined),
      readFile(`/proc/${pid}/status`, 'utf8').catch(() => ''),
      readdir(`/proc/${pid}/task`).catch(() => [] as string[]),
    ]);
    const stat = statText === undefined ? undefined : parseStat(statText);
    if (stat === undefined) {
      if (pid === rootPid) throw new Error(`process ${rootPid} is gone`);
      continue;
    }
    ticks += stat.ticks;
    rssBytes += parseRssBytes(statusText);
    for (const task of tasks) {
      const children = await readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '');
      for (const child of children.split(' ')) if (/^\d+$/.test(child)) pids.push(Number(child));
    }
  }
  return { cpuMs: ticks * msPerTick, rssBytes, pids };
}

/** Samples a process tree's RSS every `intervalMs` and keeps the peak. */
export function watchPeakRss(rootPid: number, intervalMs = 100) {
  let peakBytes = 0;
  let busy = false;
  const sample = async () => {
    if (busy) return;
    busy = true;
    try {
      peakBytes = Math.max(peakBytes, (await readProcessTree(rootPid)).rssBytes);
    } catch {
      // gone or unreadable for a moment: the next sample counts
    } finally {
      busy = false;
    }
  };
  void sample();
  const timer = setInterval(sample, intervalMs);
  return {
    /** Stops sampling after one last sample; the highest RSS seen, in bytes. */
    async stop(): Promise<number> {
      clearInterval(timer);
      while (busy) await new Promise((resolve) => setTimeout(resolve, 5));
      await sample();
      return peakBytes;
    },
  };
}
