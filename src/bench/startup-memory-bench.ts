import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exitCodes } from '../cli/exit-codes.ts';
import { defaultChatModel } from '../cli/gateway-client.ts';
import type { Simulator } from '../simulator/simulator.ts';
import { runLoad } from './bench-load.ts';
import { createGatewaySender } from './bench-senders.ts';
import { findFreePort } from './find-free-port.ts';
import { parseVmRssBytes } from './gateway-memory.ts';
import { unlimitedRateLimits } from './soak-gateway.ts';
import { readStartModes, type StartMode } from './startup-memory-modes.ts';

/** What `sfgw bench --startup-memory` measures. */
export interface StartupMemoryOptions {
  /** Which start paths; both by default. */
  modes: StartMode['name'][];
  concurrency: number;
  durationMs: number;
  /** Replaces each mode's NODE_OPTIONS, e.g. to compare heap settings. */
  nodeOptions?: string;
  /** Writes heap snapshots of the gateway right after start and after the load into this folder. */
  heapSnapshotDir?: string;
}

/** One start path measured. */
export interface StartupMemoryResult {
  mode: string;
  command: string;
  startedRssBytes: number;
  peakRssBytes: number;
  afterLoadRssBytes: number;
  requestsPerSecond: number;
  errors: number;
  /** The V8 heap (total, used) as the gateway reports it, after start and after the load. */
  heap: { started: HeapReading | undefined; afterLoad: HeapReading | undefined };
}

interface HeapReading {
  heapTotal: number;
  heapUsed: number;
}

const readyTimeoutMs = 30_000;
const settleMs = 1000;
const sampleIntervalMs = 50;
const mib = 2 ** 20;

/**
 * `sfgw bench --startup-memory`: starts the gateway in a child process as `npm start` does and as
 * the container does, and reports its RSS once ready and its peak RSS under a bounded load.
 */
export async function benchStartupMemory(options: StartupMemoryOptions): Promise<number> {
  const { startSimulator } = await import('../simulator/simulator.ts');
  const simulator = await startSimulator({
    host: '127.0.0.1',
    port: 0,
    rateLimits: unlimitedRateLimits,
  });
  try {
    const modes = (await readStartModes()).filter((candidate) => options.modes.includes(candidate.name));
    for (const mode of modes) {
      const result = await measureMode(mode, simulator, options);
      process.stdout.write(`${formatResult(result)}\n`);
    }
    return exitCodes.ok;
  } catch (error) {
    process.stderr.write(`sfgw: ${(error as Error).message}\n`);
    return exitCodes.failure;
  } finally {
    await simulator.close();
  }
}

async function measureMode(
  mode: StartMode,
  simulator: Simulator,
  options: StartupMemoryOptions,
): Promise<StartupMemoryResult> {
  const folder = await mkdtemp(path.join(tmpdir(), 'sfgw-startup-memory-'));
  const configFile = path.join(folder, 'config.json');
  await writeFile(configFile, '{}\n');
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const nodeOptions = [options.nodeOptions ?? mode.nodeOptions, snapshotOptions(options.heapSnapshotDir)]
    .filter(Boolean)
    .join(' ');
  const child = spawn(
    process.execPath,
    [...mode.nodeArguments, mode.entry, 'serve', '--config', configFile],
    {
      env: {
        PATH: process.env.PATH,
        HOME: folder,
        // glibc allocator settings (e.g. MALLOC_ARENA_MAX) reach the gateway, to compare them
        ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('MALLOC_'))),
        ...mode.env,
        ...(nodeOptions === '' ? {} : { NODE_OPTIONS: nodeOptions }),
        HOST: '127.0.0.1',
        PORT: String(port),
        SALESFORCE_INSTANCE_URL: simulator.url,
        SALESFORCE_CONSUMER_KEY: simulator.clientId,
        SALESFORCE_CONSUMER_SECRET: simulator.clientSecret,
        TOKEN_CACHE_FILE: '',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = `${stderr}${chunk.toString('utf8')}`.slice(-2000);
  });
  try {
    await waitForReady(url, child, () => stderr);
    await delay(settleMs);
    const startedRssBytes = await readRss(child.pid ?? 0);
    const startedHeap = await readHeap(url);
    if (options.heapSnapshotDir !== undefined) await writeSnapshot(child, options.heapSnapshotDir);
    let peakRssBytes = startedRssBytes;
    const sampler = setInterval(() => {
      void readRss(child.pid ?? 0).then(
        (rss) => {
          peakRssBytes = Math.max(peakRssBytes, rss);
        },
        () => undefined,
      );
    }, sampleIntervalMs);
    const load = await runLoad(createGatewaySender(url, { model: defaultChatModel, stream: false }), {
      concurrency: options.concurrency,
      requests: undefined,
      durationMs: options.durationMs,
    }).finally(() => clearInterval(sampler));
    const afterLoadRssBytes = await readRss(child.pid ?? 0);
    const afterLoadHeap = await readHeap(url);
    if (options.heapSnapshotDir !== undefined) await writeSnapshot(child, options.heapSnapshotDir);
    return {
      mode: mode.name,
      command: `${nodeOptions === '' ? '' : `NODE_OPTIONS='${nodeOptions}' `}${['node', ...mode.nodeArguments, path.relative(process.cwd(), mode.entry)].join(' ')} serve`,
      startedRssBytes,
      peakRssBytes: Math.max(peakRssBytes, afterLoadRssBytes),
      afterLoadRssBytes,
      requestsPerSecond: (load.latenciesMs.length * 1000) / load.elapsedMs,
      errors: load.errors,
      heap: { started: startedHeap, afterLoad: afterLoadHeap },
    };
  } finally {
    await stopChild(child);
    await rm(folder, { recursive: true, force: true });
  }
}

function snapshotOptions(folder: string | undefined): string {
  return folder === undefined ? '' : `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${path.resolve(folder)}`;
}

// The snapshot is written by the gateway's main thread; waiting a few seconds covers a small heap.
async function writeSnapshot(child: ChildProcess, folder: string): Promise<void> {
  child.kill('SIGUSR2');
  await delay(5000);
  process.stdout.write(`heap snapshot of PID ${child.pid} written into ${path.resolve(folder)}\n`);
}

/** One result as a line, in MiB. */
export function formatResult(result: StartupMemoryResult): string {
  const toMib = (bytes: number) => `${(bytes / mib).toFixed(1)} MiB`;
  const heap = (reading: HeapReading | undefined) =>
    reading === undefined ? 'unknown' : `${toMib(reading.heapUsed)} of ${toMib(reading.heapTotal)}`;
  return [
    `${result.mode}: ${result.command}`,
    `  RSS after start ${toMib(result.startedRssBytes)}, peak under load ${toMib(result.peakRssBytes)}, after load ${toMib(result.afterLoadRssBytes)}`,
    `  V8 heap used after start ${heap(result.heap.started)}, after load ${heap(result.heap.afterLoad)}`,
    `  load: ${result.requestsPerSecond.toFixed(0)} req/s, ${result.errors} errors`,
  ].join('\n');
}

async function readRss(pid: number): Promise<number> {
  const rss = parseVmRssBytes(await readFile(`/proc/${pid}/status`, 'utf8'));
  if (rss === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return rss;
}

// The gateway's own report; loopback needs no API key.
async function readHeap(url: string): Promise<HeapReading | undefined> {
  try {
    const response = await fetch(`${url}/v1/performance/metrics`, { signal: AbortSignal.timeout(5000) });
    const report = (await response.json()) as { memoryBytes?: HeapReading };
    return report.memoryBytes;
  } catch {
    return undefined;
  }
}

async function waitForReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the gateway exited with ${child.exitCode}:\n${output()}`);
    const ready = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await delay(50);
  }
  throw new Error(`the gateway was not ready after ${readyTimeoutMs / 1000} s:\n${output()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const force = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(force);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
