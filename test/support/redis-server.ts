import { type ChildProcess, spawn } from 'node:child_process';
import { findFreePort } from '../../src/cli/find-free-port.ts';

/** A redis-server of the test's own, on loopback, that can be stopped and started again. */
export interface TestRedis {
  url: string;
  port: number;
  /** Kills the server (SIGKILL: as abrupt as a crash or a network cut). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

/** Starts redis-server on a free loopback port, with no persistence; needs the redis-server binary. */
export async function startTestRedis(): Promise<TestRedis> {
  const port = await findFreePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = await launch(port);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, start, stop };
}

function launch(port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start within 10 s: ${output}`));
    }, 10_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(
        new Error(`cannot run redis-server (install it: apt-get install redis-server): ${error.message}`),
      );
    });
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
  });
}
