import type { Command } from 'commander';
import { exitTwoOnUsageError } from './cli-options.ts';
import { exitCodes } from './exit-codes.ts';
import { addGatewayOptions, GatewayClient, type GatewayFlags, reportClientError } from './gateway-client.ts';

/** `sfgw health`: a running gateway's /health; the exit code says ok (0), degraded (1) or unreachable (4). */
export function registerHealthCommand(program: Command): void {
  addGatewayOptions(exitTwoOnUsageError(program.command('health')))
    .description("print a running gateway's /health; exit 0 ok, 1 degraded, 4 unreachable")
    .action(async (flags: GatewayFlags) => {
      process.exitCode = await showHealth(flags);
    });
}

async function showHealth(flags: GatewayFlags): Promise<number> {
  try {
    const { status, body } = await new GatewayClient(flags).get('/health');
    process.stdout.write(`${typeof body === 'string' ? body : JSON.stringify(body, null, 2)}\n`);
    const healthy = status === 200 && (body as { status?: unknown } | null)?.status === 'ok';
    return healthy ? exitCodes.ok : exitCodes.failure;
  } catch (error) {
    return reportClientError(error);
  }
}
