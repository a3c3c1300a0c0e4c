import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../src/bench/find-free-port.ts';
import { cleanEnvironment, runCli } from './support/spawn-cli.ts';

// The background service commands, run as real processes against a temporary HOME so the PID
// and log files land in a throw-away folder.

let home: string;
let port: number;
let environment: NodeJS.ProcessEnv;

const pidFile = () => path.join(home, '.sfgw', 'sfgw.pid');

beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'sfgw-service-'));
  port = await findFreePort();
  environment = cleanEnvironment({ HOME: home, ENVIRONMENT: '' });
});

afterAll(async () => {
  // a failed assertion must not leave a gateway running
  if (existsSync(pidFile())) process.kill(Number(await readFile(pidFile(), 'utf8')), 'SIGKILL');
});

describe('sfgw start | status | logs | stop', () => {
  let pid: number;

  it('starts the gateway in the background and prints its URL and PID', async () => {
    const result = await runCli(['start', '--port', String(port)], environment, 30_000);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`http://127.0.0.1:${port}`);
    expect(result.stdout).toContain('demo mode');
    pid = Number(result.stdout.match(/PID (\d+)/)?.[1]);
    expect(Number(await readFile(pidFile(), 'utf8'))).toBe(pid);
    const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { status: string };
    expect(health.status).toBe('ok');
  });

  it('reports the running gateway: PID, port, uptime, health and mode', async () => {
    const text = await runCli(['status'], environment);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`PID:\\s+${pid}`));
    expect(text.stdout).toMatch(/uptime:\s+\d+s/);
    const json = await runCli(['status', '--json'], environment);
    expect(JSON.parse(json.stdout)).toMatchObject({ running: true, pid, port, health: 'ok', mode: 'demo' });
  });

  it('refuses to start a second time while the first runs', async () => {
    const result = await runCli(['start', '--port', String(port)], environment);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`already running (PID ${pid})`);
  });

  it('prints the end of the log, which holds the listening line', async () => {
    const result = await runCli(['logs', '-n', '200'], environment);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('sf-models-gateway listening');
    const short = await runCli(['logs', '-n', '1'], environment);
    expect(short.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('stops it: the process is gone and the PID file removed', async () => {
    const result = await runCli(['stop'], environment);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`stopped (PID ${pid})`);
    expect(existsSync(pidFile())).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });

  it('then says it is not running, with exit code 3', async () => {
    const status = await runCli(['status'], environment);
    expect(status.code).toBe(3);
    expect(status.stdout).toContain('not running');
    const stop = await runCli(['stop'], environment);
    expect(stop.code).toBe(3);
  });
});

describe('a stale PID file', () => {
  it('is reported by status and cleaned up by stop (exit 3), at the paths the flags name', async () => {
    const folder = path.join(home, 'elsewhere');
    await mkdir(folder, { recursive: true });
    const stalePidFile = path.join(folder, 'gw.pid');
    await writeFile(stalePidFile, `${await exitedProcessId()}\n`);
    const flags = ['--pid-file', stalePidFile, '--log-file', path.join(folder, 'gw.log')];
    const status = await runCli(['status', ...flags], environment);
    expect(status.code).toBe(3);
    expect(status.stdout).toContain('stale PID file');
    const stop = await runCli(['stop', ...flags], environment);
    expect(stop.code).toBe(3);
    expect(stop.stderr).toContain('removed a stale PID file');
    expect(existsSync(stalePidFile)).toBe(false);
  });
});

describe('sfgw start on a taken port', () => {
  it('refuses with exit 1 and leaves no PID file', async () => {
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const takenPort = (other.address() as { port: number }).port;
    const pidPath = path.join(home, 'taken', 'gw.pid');
    try {
      const result = await runCli(['start', '--port', String(takenPort), '--pid-file', pidPath], environment);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`something already listens on http://127.0.0.1:${takenPort}`);
      expect(existsSync(pidPath)).toBe(false);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
});

describe('sfgw logs', () => {
  it('fails with exit 1 when there is no log file', async () => {
    const result = await runCli(['logs', '--log-file', path.join(home, 'missing.log')], environment);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no log file');
  });
});

// The PID of a process that has exited and been reaped, so nothing answers to it.
async function exitedProcessId(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid as number;
}
