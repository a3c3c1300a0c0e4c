import type { Command } from 'commander';
import type { AdminUsageRow } from '../server/admin/admin-usage-route.ts';
import { exitTwoOnUsageError } from './cli-options.ts';
import { exitCodes } from './exit-codes.ts';
import { formatTable } from './format-table.ts';
import { addGatewayOptions, GatewayClient, type GatewayFlags, reportClientError } from './gateway-client.ts';

interface UsageFlags extends GatewayFlags {
  from?: string;
  to?: string;
  key?: string;
  model?: string;
  json?: boolean;
}

const filterNames = ['from', 'to', 'key', 'model'] as const;

/** `sfgw usage`: requests and tokens per key × model × day, from a running gateway's ledger. */
export function registerUsageCommand(program: Command): void {
  addGatewayOptions(exitTwoOnUsageError(program.command('usage')))
    .description('requests and tokens per key, model and UTC day (GET /admin/usage; needs an admin key)')
    .option('--from <day>', 'first day, YYYY-MM-DD UTC (default: 29 days before --to)')
    .option('--to <day>', 'last day, YYYY-MM-DD UTC (default: today)')
    .option('--key <name>', 'only this API key name')
    .option('--model <name>', 'only this model name, as clients send it')
    .option('--json', 'print the response as JSON')
    .action(async (flags: UsageFlags) => {
      process.exitCode = await showUsage(flags);
    });
}

async function showUsage(flags: UsageFlags): Promise<number> {
  const query = new URLSearchParams();
  for (const name of filterNames) {
    const value = flags[name];
    if (value !== undefined) query.set(name, value);
  }
  const search = query.size === 0 ? '' : `?${query}`;
  let body: unknown;
  try {
    body = await new GatewayClient(flags).getOk(`/admin/usage${search}`);
  } catch (error) {
    return reportClientError(error);
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    return exitCodes.ok;
  }
  const rows = (body as { rows?: AdminUsageRow[] }).rows ?? [];
  const cells = rows.map((row) => [
    row.day,
    row.key ?? '(no key)',
    row.model,
    String(row.requests),
    String(row.errors),
    String(row.input_tokens),
    String(row.output_tokens),
    String(row.estimated),
  ]);
  process.stdout.write(
    formatTable(['DAY', 'KEY', 'MODEL', 'REQUESTS', 'ERRORS', 'INPUT', 'OUTPUT', 'ESTIMATED'], cells),
  );
  return exitCodes.ok;
}
