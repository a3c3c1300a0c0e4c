import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isProcessAlive, looksLikeGateway } from './process-alive.ts';
import type { ServicePaths } from './service-paths.ts';

/** What the PID file says about the background gateway. */
export type ServiceState =
  | { kind: 'stopped' }
  /** A PID file whose process is gone (or was never a gateway); pid is null when unreadable. */
  | { kind: 'stale'; pid: number | null }
  | { kind: 'running'; pid: number; url: string | null };

/** Reads the PID file and checks its process. */
export async function inspectService(paths: ServicePaths): Promise<ServiceState> {
  const text = await readOptional(paths.pidFile);
  if (text === undefined) return { kind: 'stopped' };
  const pid = Number(text.trim());
  if (!Number.isSafeInteger(pid) || pid <= 0) return { kind: 'stale', pid: null };
  if (!isProcessAlive(pid) || !looksLikeGateway(pid)) return { kind: 'stale', pid };
  return { kind: 'running', pid, url: await readRecordedUrl(paths.recordFile) };
}

/** Writes the PID file and, beside it, the URL the gateway answers on. */
export async function writeServiceRecord(paths: ServicePaths, pid: number, url: string): Promise<void> {
  await mkdir(path.dirname(paths.pidFile), { recursive: true });
  await writeFile(paths.pidFile, `${pid}\n`);
  await writeFile(paths.recordFile, `${JSON.stringify({ pid, url })}\n`);
}

/** Deletes the PID file and its record; missing files are fine. */
export async function removeServiceRecord(paths: ServicePaths): Promise<void> {
  await rm(paths.pidFile, { force: true });
  await rm(paths.recordFile, { force: true });
}

async function readRecordedUrl(file: string): Promise<string | null> {
  const text = await readOptional(file);
  if (text === undefined) return null;
  try {
    const parsed = JSON.parse(text) as { url?: unknown };
    return typeof parsed.url === 'string' ? parsed.url : null;
  } catch {
    return null;
  }
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
