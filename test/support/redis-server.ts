import { type ChildProcess, spawn } from 'node:child_process';
import { findFreePort } from '../../src/bench/find-free-port.ts';

/** A redis-server of the test's own, on loopback, that can be stopped and started again. */
export interface TestRedis {
  url: string;
  port: number;
  /** Kills the server (SIGKILL: as abrupt as a crash or a network cut). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

// A loopback address of its own: other test servers listen on 127.0.0.1, so none of them can take
// the port while this Redis is stopped and about to start again on it.
const host = '127.0.0.3';

/** Starts redis-server on a free loopback port, with no persistence; needs the redis-server binary. */
export async function startTestRedis(): Promise<TestRedis> {
  const port = await findFreePort(host);
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
  return { url: `redis://${host}:${port}`, port, start, stop };
}

function launch(port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', host, '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start within 10 s: ${output}`));
    }, 10_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with code ${code} before it was ready: ${output}`));
    });
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
