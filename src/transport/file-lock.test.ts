import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withFileLock } from './file-lock.ts';

const options = { staleMs: 60_000, retryDelayMs: 5 };

let directory: string;
let lockPath: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'file-lock-'));
  lockPath = join(directory, 'token.json.lock');
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid as number;
}

describe('withFileLock', () => {
  it('runs tasks on the same lock one at a time and removes the lock afterwards', async () => {
    let running = 0;
    let mostAtOnce = 0;
    const task = async (value: number) => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 15));
      running -= 1;
      return value;
    };
    const results = await Promise.all(
      [1, 2, 3, 4].map((value) => withFileLock(lockPath, () => task(value), options)),
    );
    expect(results).toEqual([1, 2, 3, 4]);
    expect(mostAtOnce).toBe(1);
    expect(await exists(lockPath)).toBe(false);
  });

  it('holds an owner-only lock file naming this process while the task runs', async () => {
    await withFileLock(
      lockPath,
      async () => {
        expect((await stat(lockPath)).mode & 0o777).toBe(0o600);
        expect(JSON.parse(await readFile(lockPath, 'utf8'))).toMatchObject({
          pid: process.pid,
          host: hostname(),
        });
      },
      options,
    );
  });

  it('releases the lock when the task throws', async () => {
    await expect(
      withFileLock(
        lockPath,
        async () => {
          throw new Error('boom');
        },
        options,
      ),
    ).rejects.toThrow('boom');
    expect(await exists(lockPath)).toBe(false);
  });

  it('breaks a lock left by a process that no longer runs on this host', async () => {
    await writeFile(lockPath, JSON.stringify({ pid: deadPid(), host: hostname(), nonce: 'gone' }));
    expect(await withFileLock(lockPath, async () => 'ran', options)).toBe('ran');
  });

  it('breaks a lock older than staleMs even when its holder still runs', async () => {
    await writeFile(lockPath, JSON.stringify({ pid: process.pid, host: hostname(), nonce: 'stuck' }));
    const longAgo = new Date(Date.now() - 120_000);
    await utimes(lockPath, longAgo, longAgo);
    expect(await withFileLock(lockPath, async () => 'ran', options)).toBe('ran');
  });

  it('waits for a live, fresh holder to let go', async () => {
    await writeFile(lockPath, JSON.stringify({ pid: process.pid, host: hostname(), nonce: 'other' }));
    let ran = false;
    const waiting = withFileLock(
      lockPath,
      async () => {
        ran = true;
      },
      options,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ran).toBe(false);
    await rm(lockPath);
    await waiting;
    expect(ran).toBe(true);
  });

  it('leaves alone a lock that another process took over after breaking ours', async () => {
    await withFileLock(
      lockPath,
      async () => {
        await writeFile(lockPath, JSON.stringify({ pid: process.pid, host: hostname(), nonce: 'theirs' }));
      },
      options,
    );
    expect(JSON.parse(await readFile(lockPath, 'utf8')).nonce).toBe('theirs');
  });

  it('runs the task unlocked when the lock cannot be created at all', async () => {
    const unreachable = join(directory, 'missing-folder', 'token.json.lock');
    expect(await withFileLock(unreachable, async () => 'ran', options)).toBe('ran');
  });
});
