#!/usr/bin/env node
import { Command } from 'commander';
import { packageVersion } from '../version.ts';
import { registerServeCommand } from './serve-command.ts';
import { registerSimulatorCommand } from './simulator-command.ts';

/** Exit codes shared by every command. */
export const exitCodes = { ok: 0, failure: 1, badConfig: 2 } as const;

const program = new Command('sfgw')
  .description('OpenAI- and Anthropic-compatible gateway for the Salesforce Models API')
  .version(packageVersion);
registerServeCommand(program);
registerSimulatorCommand(program);
await program.parseAsync(process.argv);
