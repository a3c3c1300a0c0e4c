#!/usr/bin/env node
import { Command } from 'commander';
import { packageVersion } from '../version.ts';
import { registerBenchCommand } from './bench-command.ts';
import { registerChatCommand } from './chat-command.ts';
import { registerConfigCommand } from './config-command.ts';
import { registerGenerateCommand } from './generate-command.ts';
import { registerHealthCommand } from './health-command.ts';
import { registerLogsCommand } from './logs-command.ts';
import { registerModelsCommand } from './models-command.ts';
import { registerRestartCommand } from './restart-command.ts';
import { registerServeCommand } from './serve-command.ts';
import { registerSimulatorCommand } from './simulator-command.ts';
import { registerSoakCommand } from './soak-command.ts';
import { registerStartCommand } from './start-command.ts';
import { registerStatusCommand } from './status-command.ts';
import { registerStopCommand } from './stop-command.ts';
import { registerTokenCommand } from './token-command.ts';
import { registerUsageCommand } from './usage-command.ts';

const program = new Command('sfgw')
  .description('OpenAI- and Anthropic-compatible gateway for the Salesforce Models API')
  .version(packageVersion);
registerServeCommand(program);
registerSimulatorCommand(program);
registerStartCommand(program);
registerStopCommand(program);
registerStatusCommand(program);
registerRestartCommand(program);
registerLogsCommand(program);
registerChatCommand(program);
registerGenerateCommand(program);
registerModelsCommand(program);
registerHealthCommand(program);
registerUsageCommand(program);
registerTokenCommand(program);
registerConfigCommand(program);
registerBenchCommand(program);
registerSoakCommand(program);
await program.parseAsync(process.argv);
