// A cross-process lock held as a file created with O_EXCL. It only spares duplicate work (several
// processes fetching one token at once), it never guards correctness: so a lock that cannot be
// created at all is skipped, and a lock whose holder died or overstayed is broken.
import { randomUUID } from 'node:crypto';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { sleep } from './sleep.ts';

/** How long to wait between attempts, and when a held lock counts as abandoned. */
export interface FileLockOptions {
  /** A lock older than this is presumed abandoned and broken. */
  staleMs: number;
  /** Pause between attempts while another process holds the lock. */
  retryDelayMs: number;
  now?: () => number;
}

type HolderState = 'held' | 'abandoned' | 'released';

interface LockHolder {
  pid: number;
  host: string;
  nonce: string;
}

/** Runs task while holding the lock file at lockPath, waiting for (or breaking) another holder's. */
export async function withFileLock<T>(
  lockPath: string,
  task: () => Promise<T>,
  options: FileLockOptions,
): Promise<T> {
  const nonce = await acquire(lockPath, options);
  try {
    return await task();
  } finally {
    if (nonce !== undefined) await release(lockPath, nonce);
  }
}

async function acquire(lockPath: string, options: FileLockOptions): Promise<string | undefined> {
  const holder: LockHolder = { pid: process.pid, host: hostname(), nonce: randomUUID() };
  for (;;) {
    try {
      await writeFile(lockPath, JSON.stringify(holder), { flag: 'wx', mode: 0o600 });
      return holder.nonce;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') return undefined;
    }
    try {
      const state = await inspectHolder(lockPath, options);
      if (state === 'abandoned') await rm(lockPath, { force: true });
      if (state !== 'held') continue;
    } catch {
      return undefined;
    }
    await sleep(options.retryDelayMs);
  }
}

async function inspectHolder(lockPath: string, options: FileLockOptions): Promise<HolderState> {
  const now = options.now ?? Date.now;
  try {
    const holder = readHolder(await readFile(lockPath, 'utf8'));
    if (holder !== undefined && holder.host === hostname() && !isAlive(holder.pid)) return 'abandoned';
    return now() - (await stat(lockPath)).mtimeMs > options.staleMs ? 'abandoned' : 'held';
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'released';
    throw error;
  }
}

async function release(lockPath: string, nonce: string): Promise<void> {
  try {
    // Someone may have broken our lock after staleMs and taken it; theirs is not ours to remove.
    if (readHolder(await readFile(lockPath, 'utf8'))?.nonce === nonce) await rm(lockPath, { force: true });
  } catch {
    // Already gone, or unreadable: either way there is nothing more this process can do.
  }
}

function readHolder(text: string): LockHolder | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { pid, host, nonce } = parsed as Record<string, unknown>;
    if (typeof pid !== 'number' || typeof host !== 'string' || typeof nonce !== 'string') return undefined;
    return { pid, host, nonce };
  } catch {
    // Created but not yet written by its holder.
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errorCode(error) === 'EPERM';
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
