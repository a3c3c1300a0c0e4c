import type { Command } from 'commander';
import { exitTwoOnUsageError } from './cli-options.ts';
import { exitCodes } from './exit-codes.ts';
import { formatTable } from './format-table.ts';
import { addGatewayOptions, GatewayClient, type GatewayFlags, reportClientError } from './gateway-client.ts';

interface ModelsFlags extends GatewayFlags {
  json?: boolean;
}

interface ModelEntry {
  id: string;
  owned_by?: string;
  name?: string;
}

/** `sfgw models`: the model names a running gateway accepts. */
export function registerModelsCommand(program: Command): void {
  addGatewayOptions(exitTwoOnUsageError(program.command('models')))
    .description('list the models of a running gateway (GET /v1/models)')
    .option('--json', 'print the response as JSON')
    .action(async (flags: ModelsFlags) => {
      process.exitCode = await listModels(flags);
    });
}

async function listModels(flags: ModelsFlags): Promise<number> {
  let body: unknown;
  try {
    body = await new GatewayClient(flags).getOk('/v1/models');
  } catch (error) {
    return reportClientError(error);
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    return exitCodes.ok;
  }
  const models = (body as { data?: ModelEntry[] }).data ?? [];
  const rows = models.map((model) => [model.id, model.owned_by ?? '', model.name ?? '']);
  process.stdout.write(formatTable(['MODEL', 'OWNED BY', 'NAME'], rows));
  return exitCodes.ok;
}
