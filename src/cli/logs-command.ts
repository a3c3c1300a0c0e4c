import { open, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { exitTwoOnUsageError, parseCount } from './cli-options.ts';
import { exitCodes } from './exit-codes.ts';
import { readLastLines } from './read-last-lines.ts';
import { addServicePathOptions, resolveServicePaths, type ServicePathFlags } from './service-paths.ts';

interface LogsFlags extends ServicePathFlags {
  lines: number;
  follow?: boolean;
}

const followIntervalMs = 250;

/** `sfgw logs`: the end of the background gateway's log, optionally followed. */
export function registerLogsCommand(program: Command): void {
  addServicePathOptions(exitTwoOnUsageError(program.command('logs')))
    .description("print the end of the background gateway's log file")
    .option('-n, --lines <count>', 'how many lines to print', parseCount, 50)
    .option('-f, --follow', 'keep printing lines as they are written (Ctrl-C to stop)')
    .action(async (flags: LogsFlags) => {
      process.exitCode = await showLogs(flags);
    });
}

async function showLogs(flags: LogsFlags): Promise<number> {
  const { logFile } = resolveServicePaths(flags);
  let tail: Awaited<ReturnType<typeof readLastLines>>;
  try {
    tail = await readLastLines(logFile, flags.lines);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    process.stderr.write(`sfgw: no log file at ${logFile} (has sfgw start run?).\n`);
    return exitCodes.failure;
  }
  if (tail.lines.length > 0) process.stdout.write(`${tail.lines.join('\n')}\n`);
  if (flags.follow) await follow(logFile, tail.endOffset);
  return exitCodes.ok;
}

// Polls rather than fs.watch: watching is unreliable on network and container file systems.
async function follow(file: string, startOffset: number): Promise<never> {
  let offset = startOffset;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, followIntervalMs));
    const size = await stat(file).then(
      (stats) => stats.size,
      () => 0,
    );
    // a smaller file was truncated or replaced (rotation): start again from its beginning
    if (size < offset) offset = 0;
    if (size === offset) continue;
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(size - offset);
      await handle.read(buffer, 0, buffer.length, offset);
      process.stdout.write(buffer);
      offset = size;
    } finally {
      await handle.close();
    }
  }
}
