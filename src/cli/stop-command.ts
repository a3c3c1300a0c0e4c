import type { Command } from 'commander';
import { exitTwoOnUsageError, parsePositiveNumber } from './cli-options.ts';
import { exitCodes } from './exit-codes.ts';
import { isProcessAlive } from './process-alive.ts';
import { addServicePathOptions, resolveServicePaths, type ServicePathFlags } from './service-paths.ts';
import { inspectService, removeServiceRecord } from './service-state.ts';

/** Flags of `sfgw stop`. */
export interface StopFlags extends ServicePathFlags {
  timeout: number;
}

const killWaitMs = 5_000;

/** `sfgw stop`: SIGTERM the background gateway, SIGKILL it after a timeout. */
export function registerStopCommand(program: Command): void {
  addStopOptions(exitTwoOnUsageError(program.command('stop')))
    .description('stop the background gateway (SIGTERM, then SIGKILL after --timeout); exit 3 if not running')
    .action(async (flags: StopFlags) => {
      process.exitCode = await stopService(flags);
    });
}

/** The options of stop, shared with restart. */
export function addStopOptions(command: Command): Command {
  return addServicePathOptions(command).option(
    '--timeout <seconds>',
    'how long to wait after SIGTERM before SIGKILL',
    parsePositiveNumber,
    10,
  );
}

/** Stops the background gateway; returns the exit code. */
export async function stopService(flags: StopFlags): Promise<number> {
  const paths = resolveServicePaths(flags);
  const state = await inspectService(paths);
  if (state.kind === 'stopped') {
    process.stderr.write(`sfgw: not running (no PID file at ${paths.pidFile}).\n`);
    return exitCodes.notRunning;
  }
  if (state.kind === 'stale') {
    await removeServiceRecord(paths);
    const pid = state.pid === null ? 'an unreadable PID' : `PID ${state.pid}, which is not running`;
    process.stderr.write(`sfgw: not running; removed a stale PID file (${pid}).\n`);
    return exitCodes.notRunning;
  }
  try {
    process.kill(state.pid, 'SIGTERM');
  } catch (error) {
    process.stderr.write(`sfgw: cannot signal PID ${state.pid}: ${(error as Error).message}\n`);
    return exitCodes.failure;
  }
  let how = 'stopped';
  if (!(await waitForExit(state.pid, flags.timeout * 1000))) {
    process.kill(state.pid, 'SIGKILL');
    how = `killed (no exit within ${flags.timeout} s of SIGTERM)`;
    if (!(await waitForExit(state.pid, killWaitMs))) {
      process.stderr.write(`sfgw: PID ${state.pid} survived SIGKILL; PID file left in place.\n`);
      return exitCodes.failure;
    }
  }
  await removeServiceRecord(paths);
  process.stdout.write(`sfgw ${how} (PID ${state.pid}).\n`);
  return exitCodes.ok;
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}
