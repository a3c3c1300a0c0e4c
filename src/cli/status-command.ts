import type { Command } from 'commander';
import { exitTwoOnUsageError } from './cli-options.ts';
import { exitCodes } from './exit-codes.ts';
import { formatDuration } from './format-duration.ts';
import { GatewayClient, GatewayUnreachableError } from './gateway-client.ts';
import { addServicePathOptions, resolveServicePaths, type ServicePathFlags } from './service-paths.ts';
import { inspectService } from './service-state.ts';

interface StatusFlags extends ServicePathFlags {
  json?: boolean;
}

interface HealthSummary {
  status?: string;
  mode?: string;
  uptimeSeconds?: number;
}

/** `sfgw status`: whether the background gateway runs, and how it is. */
export function registerStatusCommand(program: Command): void {
  addServicePathOptions(exitTwoOnUsageError(program.command('status')))
    .description('show whether the background gateway runs: PID, port, uptime, health, mode; exit 3 if not')
    .option('--json', 'print the status as JSON')
    .action(async (flags: StatusFlags) => {
      process.exitCode = await showStatus(flags);
    });
}

async function showStatus(flags: StatusFlags): Promise<number> {
  const paths = resolveServicePaths(flags);
  const state = await inspectService(paths);
  if (state.kind !== 'running') {
    const reason =
      state.kind === 'stale' ? `stale PID file ${paths.pidFile}` : `no PID file at ${paths.pidFile}`;
    print(flags, { running: false, reason }, `sfgw is not running (${reason}).`);
    return exitCodes.notRunning;
  }
  const url = state.url;
  const port = url === null ? null : Number(new URL(url).port);
  let health: HealthSummary | null = null;
  if (url !== null) {
    try {
      health = (await new GatewayClient({ url }).get('/health')).body as HealthSummary;
    } catch (error) {
      if (!(error instanceof GatewayUnreachableError)) throw error;
    }
  }
  const report = {
    running: true,
    pid: state.pid,
    url,
    port,
    uptimeSeconds: health?.uptimeSeconds ?? null,
    health: health?.status ?? 'unreachable',
    mode: health?.mode ?? null,
  };
  const lines = [
    'sfgw is running',
    `  PID:     ${state.pid}`,
    `  URL:     ${url ?? 'unknown (no record beside the PID file)'}`,
    `  port:    ${port ?? 'unknown'}`,
    `  uptime:  ${report.uptimeSeconds === null ? 'unknown' : formatDuration(report.uptimeSeconds)}`,
    `  health:  ${report.health}`,
    `  mode:    ${report.mode ?? 'unknown'}`,
  ];
  print(flags, report, lines.join('\n'));
  return health === null ? exitCodes.unreachable : exitCodes.ok;
}

function print(flags: StatusFlags, report: object, text: string): void {
  process.stdout.write(`${flags.json ? JSON.stringify(report, null, 2) : text}\n`);
}
