import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { ChatSession } from './chat-session.ts';
import { exitTwoOnUsageError, parsePositiveInteger } from './cli-options.ts';
import { exitCodes } from './exit-codes.ts';
import {
  addGatewayOptions,
  defaultChatModel,
  GatewayClient,
  type GatewayFlags,
  GatewayResponseError,
  GatewayUnreachableError,
  reportClientError,
} from './gateway-client.ts';

interface ChatFlags extends GatewayFlags {
  model: string;
  system?: string;
  maxTurns: number;
}

const helpText = [
  '/model <name>   switch model (history is kept)',
  '/system <text>  set the system message (/system alone clears it)',
  '/reset          forget the conversation',
  '/help           this list',
  '/exit           leave (Ctrl-D works too)',
].join('\n');

/** `sfgw chat`: an interactive conversation with a running gateway, answers streamed. */
export function registerChatCommand(program: Command): void {
  addGatewayOptions(exitTwoOnUsageError(program.command('chat')))
    .description('chat with a running gateway; answers stream as they arrive (/help for commands)')
    .option('-m, --model <name>', 'model name (see sfgw models)', defaultChatModel)
    .option('-s, --system <text>', 'system message')
    .option('--max-turns <count>', 'exchanges kept as context', parsePositiveInteger, 20)
    .action(async (flags: ChatFlags) => {
      process.exitCode = await chat(flags);
    });
}

async function chat(flags: ChatFlags): Promise<number> {
  const client = new GatewayClient(flags);
  try {
    await client.get('/health');
  } catch (error) {
    return reportClientError(error);
  }
  const session = new ChatSession({ model: flags.model, maxTurns: flags.maxTurns });
  session.system = flags.system;
  const interactive = process.stdin.isTTY === true;
  const lines = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive });
  let inFlight: AbortController | undefined;
  lines.on('SIGINT', () => (inFlight ? inFlight.abort() : lines.close()));
  if (interactive) {
    process.stdout.write(`Chatting with ${client.url} as ${session.model}. /help lists the commands.\n`);
  }
  lines.setPrompt('you> ');
  if (interactive) lines.prompt();
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === '/exit' || line === '/quit') break;
    if (line.startsWith('/')) runCommand(line, session);
    else if (line !== '') {
      inFlight = new AbortController();
      await answer(client, session, line, inFlight.signal);
      inFlight = undefined;
    }
    if (interactive) lines.prompt();
  }
  lines.close();
  return exitCodes.ok;
}

function runCommand(line: string, session: ChatSession): void {
  const command = line.split(/\s+/, 1)[0] ?? '';
  const argument = line.slice(command.length).trim();
  if (command === '/model' && argument !== '') {
    session.model = argument;
    process.stdout.write(`model: ${session.model}\n`);
  } else if (command === '/system') {
    session.system = argument === '' ? undefined : argument;
    process.stdout.write(session.system === undefined ? 'system message cleared\n' : 'system message set\n');
  } else if (command === '/reset') {
    session.reset();
    process.stdout.write('conversation forgotten\n');
  } else {
    process.stdout.write(`${helpText}\n`);
  }
}

async function answer(client: GatewayClient, session: ChatSession, line: string, signal: AbortSignal) {
  let reply = '';
  try {
    const request = { model: session.model, messages: session.messagesFor(line) };
    for await (const piece of client.streamChat(request, signal)) {
      process.stdout.write(piece);
      reply += piece;
    }
    process.stdout.write('\n');
    session.addTurn(line, reply);
  } catch (error) {
    if (reply !== '') process.stdout.write('\n');
    if (signal.aborted) process.stdout.write('(interrupted; this exchange is not kept)\n');
    else if (error instanceof GatewayUnreachableError || error instanceof GatewayResponseError) {
      reportClientError(error);
    } else process.stderr.write(`sfgw: ${(error as Error).message}\n`);
  }
}
