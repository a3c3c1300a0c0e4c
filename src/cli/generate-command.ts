import type { Command } from 'commander';
import { exitTwoOnUsageError } from './cli-options.ts';
import { exitCodes } from './exit-codes.ts';
import {
  addGatewayOptions,
  type ChatMessage,
  defaultChatModel,
  GatewayClient,
  type GatewayFlags,
  reportClientError,
} from './gateway-client.ts';

interface GenerateFlags extends GatewayFlags {
  model: string;
  system?: string;
  json?: boolean;
}

/** `sfgw generate "<prompt>"`: one chat completion from a running gateway, streamed to stdout. */
export function registerGenerateCommand(program: Command): void {
  addGatewayOptions(exitTwoOnUsageError(program.command('generate')))
    .description('send one prompt to a running gateway and stream the answer to stdout')
    .argument('<prompt>', 'what to ask')
    .option('-m, --model <name>', 'model name (see sfgw models)', defaultChatModel)
    .option('-s, --system <text>', 'system message')
    .option('--json', 'print the whole JSON response instead of streaming the text')
    .action(async (prompt: string, flags: GenerateFlags) => {
      process.exitCode = await generate(prompt, flags);
    });
}

async function generate(prompt: string, flags: GenerateFlags): Promise<number> {
  const client = new GatewayClient(flags);
  const messages: ChatMessage[] = [];
  if (flags.system !== undefined) messages.push({ role: 'system', content: flags.system });
  messages.push({ role: 'user', content: prompt });
  const request = { model: flags.model, messages };
  try {
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(await client.complete(request), null, 2)}\n`);
    } else {
      for await (const piece of client.streamChat(request)) process.stdout.write(piece);
      process.stdout.write('\n');
    }
    return exitCodes.ok;
  } catch (error) {
    return reportClientError(error);
  }
}
