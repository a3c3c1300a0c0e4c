import type { Command } from 'commander';
import { exitTwoOnUsageError, parsePositiveNumber } from './cli-options.ts';
import { exitCodes } from './exit-codes.ts';
import { addStartOptions, type StartFlags, startService } from './start-command.ts';
import { stopService } from './stop-command.ts';

/** `sfgw restart`: stop (if running), then start with the given flags. */
export function registerRestartCommand(program: Command): void {
  const command = addStartOptions(exitTwoOnUsageError(program.command('restart')));
  command
    .description('stop the background gateway if it runs, then start it again')
    .option(
      '--timeout <seconds>',
      'how long stop waits after SIGTERM before SIGKILL',
      parsePositiveNumber,
      10,
    )
    .action(async (flags: StartFlags & { timeout: number }) => {
      const stopped = await stopService(flags);
      if (stopped !== exitCodes.ok && stopped !== exitCodes.notRunning) {
        process.exitCode = stopped;
        return;
      }
      process.exitCode = await startService(flags);
    });
}
