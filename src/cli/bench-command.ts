import type { Command } from 'commander';
import { type BenchOptions, defaultBenchDurationSeconds, runBench } from '../bench/run-bench.ts';
import { exitTwoOnUsageError, parsePositiveInteger, parsePositiveNumber } from './cli-options.ts';
import { exitCodes } from './exit-codes.ts';
import { defaultChatModel } from './gateway-client.ts';

interface StartupMemoryFlags {
  startupMemory?: string | true;
  nodeOptions?: string;
  heapSnapshot?: string;
}

// imported on use so that every other command starts without it
async function runStartupMemory(options: BenchOptions & StartupMemoryFlags): Promise<number> {
  const { benchStartupMemory } = await import('../bench/startup-memory-bench.ts');
  const { startModeNames } = await import('../bench/startup-memory-modes.ts');
  const modes =
    options.startupMemory === true ? [...startModeNames] : (options.startupMemory?.split(',') ?? []);
  const unknown = modes.find((mode) => !(startModeNames as readonly string[]).includes(mode));
  if (unknown !== undefined) {
    process.stderr.write(
      `sfgw: --startup-memory takes ${startModeNames.join(',')}; "${unknown}" is not one of them\n`,
    );
    return exitCodes.badConfig;
  }
  return benchStartupMemory({
    modes: modes as (typeof startModeNames)[number][],
    concurrency: options.concurrency,
    durationMs: (options.duration ?? 10) * 1000,
    nodeOptions: options.nodeOptions,
    heapSnapshotDir: options.heapSnapshot,
  });
}

/** `sfgw bench`: a bounded load of small chat requests, with throughput and latency percentiles. */
export function registerBenchCommand(program: Command): void {
  exitTwoOnUsageError(program.command('bench'))
    .description(
      'load-test a gateway; without --url, --requests or --stream: direct to a fake upstream, through a bare undici proxy and through the gateway (each a child process), for plain chat at c=1 and c=50, a stream and a tool call, against the targets of issue 16',
    )
    .option('--url <url>', 'a running gateway (loopback only unless --allow-remote)')
    .option('--api-key <key>', 'API key sent as a Bearer token (default: $SFGW_API_KEY)')
    .option('-c, --concurrency <count>', 'requests in flight at once', parsePositiveInteger, 8)
    .option(
      '-d, --duration <seconds>',
      `how long to send (default ${defaultBenchDurationSeconds} s)`,
      parsePositiveNumber,
    )
    .option(
      '-n, --requests <count>',
      'how many requests to send (with --duration: whichever ends first)',
      parsePositiveInteger,
    )
    .option('--stream', 'ask for streamed answers')
    .option('-m, --model <name>', 'model name', defaultChatModel)
    .option('--allow-remote', 'allow a --url that is not on this machine')
    .option(
      '--upstream <kind>',
      "the three-way bench's upstream: replay (recorded simulator answers, the default) or simulator",
    )
    .option(
      '--feature-costs',
      'instead of the three-way bench: the gateway with no ledger and no tracing, with the usage ledger on a file, and with tracing to a loopback OTLP receiver (each a child process), plain chat at c=1 and c=50; prints what each adds per request',
    )
    .option(
      '--paused-readers <count>',
      'instead of the load: this many streams that never read their answers, against a gateway in a child process; reports its slots and its RSS before, at peak and after, and fails if RSS stays 64 MB above before',
      parsePositiveInteger,
    )
    .option(
      '--hostile-schemas <count>',
      'instead of the load: one oversized schema, then this many distinct 46 KB tool schemas, against a gateway in a child process, while /livez is polled; fails on a poll of 500 ms or more, an answer of 2 s or more, or RSS growing 64 MB after warm-up',
      parsePositiveInteger,
    )
    .option(
      '--startup-memory [modes]',
      'instead of the in-process load: start the gateway as `npm start` does (npm-start) and as the container does (container), from dist/ (built when stale), and report its RSS once ready and its peak RSS under the -c/-d load; modes: npm-start,container (default both)',
    )
    .option(
      '--node-options <flags>',
      "with --startup-memory: the gateway's NODE_OPTIONS instead of each mode's own",
    )
    .option(
      '--heap-snapshot <folder>',
      'with --startup-memory: write heap snapshots of the gateway after start and after the load here',
    )
    .action(async (options: BenchOptions & StartupMemoryFlags) => {
      if (options.startupMemory !== undefined) {
        process.exitCode = await runStartupMemory(options);
        return;
      }
      process.exitCode = await runBench(options);
    });
}
