import { spawn } from 'node:child_process';
import { mkdir, open } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import type { Command } from 'commander';
import { exitTwoOnUsageError, parsePositiveNumber } from './cli-options.ts';
import { exitCodes } from './exit-codes.ts';
import { type ConfigFlags, loadCliConfig } from './load-cli-config.ts';
import { readLastLines } from './read-last-lines.ts';
import { addServicePathOptions, resolveServicePaths, type ServicePathFlags } from './service-paths.ts';
import { inspectService, removeServiceRecord, writeServiceRecord } from './service-state.ts';
import { withYoungGenerationLimit } from './young-generation-limit.ts';

/** Flags of `sfgw start` (and `sfgw restart`). */
export interface StartFlags extends ConfigFlags, ServicePathFlags {
  wait: number;
}

const pollIntervalMs = 200;

/** `sfgw start`: run the gateway in the background with a PID file and a log file. */
export function registerStartCommand(program: Command): void {
  addStartOptions(exitTwoOnUsageError(program.command('start')))
    .description('start the gateway in the background; waits until it answers, prints URL and PID')
    .action(async (flags: StartFlags) => {
      process.exitCode = await startService(flags);
    });
}

/** The options of start, shared with restart. */
export function addStartOptions(command: Command): Command {
  return addServicePathOptions(command)
    .option('-p, --port <port>', 'port to listen on (PORT, default 8000)')
    .option('-H, --host <host>', 'interface to bind (HOST, default 127.0.0.1)')
    .option('-c, --config <file>', 'JSON config file (see `sfgw serve --help`)')
    .option(
      '-w, --workers <count>',
      'worker processes, or auto (WORKERS, default 1; see `sfgw serve --help`)',
    )
    .option('--insecure-no-auth', 'allow a non-loopback HOST without API_KEYS (see `sfgw serve --help`)')
    .option('--wait <seconds>', 'how long to wait for the gateway to answer', parsePositiveNumber, 15);
}

/** Starts the background gateway; returns the exit code. */
export async function startService(flags: StartFlags): Promise<number> {
  const paths = resolveServicePaths(flags);
  const state = await inspectService(paths);
  if (state.kind === 'running') {
    process.stderr.write(`sfgw: already running (PID ${state.pid}); use sfgw stop or sfgw restart.\n`);
    return exitCodes.failure;
  }
  if (state.kind === 'stale') {
    process.stderr.write(`sfgw: removing a stale PID file (${describePid(state.pid)} is not running).\n`);
    await removeServiceRecord(paths);
  }
  const loaded = await loadCliConfig(flags);
  if (loaded === undefined) return exitCodes.badConfig;
  const { port, host } = loaded.config;
  if (port === 0) {
    process.stderr.write('sfgw: start needs a fixed port to find the gateway again; set --port or PORT.\n');
    return exitCodes.badConfig;
  }
  const url = reachableUrl(host, port);
  if (await answersOnPort(url)) {
    process.stderr.write(`sfgw: something already listens on ${url}; stop it or pick another --port.\n`);
    return exitCodes.failure;
  }
  const serveArguments = ['serve', '--port', String(port), '--host', host];
  if (loaded.file !== null) serveArguments.push('--config', loaded.file);
  if (flags.workers !== undefined) serveArguments.push('--workers', flags.workers);
  if (flags.insecureNoAuth === true) serveArguments.push('--insecure-no-auth');
  const child = await spawnDetached(serveArguments, paths.logFile);
  if (child.pid === undefined) {
    process.stderr.write('sfgw: could not start the gateway process.\n');
    return exitCodes.failure;
  }
  await writeServiceRecord(paths, child.pid, url);
  const health = await waitForHealth(url, flags.wait * 1000, child.exited);
  if (health === undefined) {
    if (!child.exited()) child.kill('SIGTERM');
    await removeServiceRecord(paths);
    const why = child.exited() ? 'exited during start-up' : `did not answer within ${flags.wait} s`;
    process.stderr.write(`sfgw: the gateway ${why}; the end of ${paths.logFile}:\n`);
    const tail = await readLastLines(paths.logFile, 20);
    process.stderr.write(`${tail.lines.join('\n')}\n`);
    return exitCodes.failure;
  }
  process.stdout.write(
    `sfgw started: ${url} (PID ${child.pid}, ${health.mode ?? 'unknown'} mode)\n` +
      `  log: ${paths.logFile}\n  pid: ${paths.pidFile}\n`,
  );
  return exitCodes.ok;
}

/** A URL a local client can use for the bound host and port. */
export function reachableUrl(host: string, port: number): string {
  const local = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${local.includes(':') ? `[${local}]` : local}:${port}`;
}

// `sfgw serve` run by this same Node and CLI entry (with the young-generation cap), in its own process group with output appended
// to the log file, so it outlives this command.
async function spawnDetached(serveArguments: string[], logFile: string) {
  await mkdir(path.dirname(logFile), { recursive: true });
  const log = await open(logFile, 'a');
  const nodeArguments = withYoungGenerationLimit(process.execArgv, process.env.NODE_OPTIONS);
  const child = spawn(process.execPath, [...nodeArguments, process.argv[1] ?? '', ...serveArguments], {
    detached: true,
    stdio: ['ignore', log.fd, log.fd],
  });
  await log.close();
  let exited = false;
  const markExited = () => {
    exited = true;
  };
  child.once('exit', markExited);
  child.once('error', markExited);
  child.unref();
  return { pid: child.pid, kill: (signal: NodeJS.Signals) => child.kill(signal), exited: () => exited };
}

function describePid(pid: number | null): string {
  return pid === null ? 'the process it names' : `PID ${pid}`;
}

async function waitForHealth(
  url: string,
  timeoutMs: number,
  exited: () => boolean,
): Promise<{ mode?: string } | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !exited()) {
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return (await response.json()) as { mode?: string };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
  }
  return undefined;
}

function answersOnPort(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port), timeout: 1000 });
    const settle = (listening: boolean) => {
      socket.destroy();
      resolve(listening);
    };
    socket.once('connect', () => settle(true));
    socket.once('timeout', () => settle(false));
    socket.once('error', () => settle(false));
  });
}
