import type { Command } from 'commander';
import { type BenchOptions, defaultBenchDurationSeconds, runBench } from '../bench/run-bench.ts';
import { exitTwoOnUsageError, parsePositiveInteger, parsePositiveNumber } from './cli-options.ts';
import { defaultChatModel } from './gateway-client.ts';

/** `sfgw bench`: a bounded load of small chat requests, with throughput and latency percentiles. */
export function registerBenchCommand(program: Command): void {
  exitTwoOnUsageError(program.command('bench'))
    .description(
      'load-test a gateway with small chat requests; without --url, an in-process demo gateway measured against direct simulator calls',
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
      '--paused-readers <count>',
      'instead of the load: this many streams that never read their answers, against a gateway in a child process; reports its slots and its RSS before, at peak and after, and fails if RSS stays 64 MB above before',
      parsePositiveInteger,
    )
    .option(
      '--hostile-schemas <count>',
      'instead of the load: one oversized schema, then this many distinct 46 KB tool schemas, against a gateway in a child process, while /livez is polled; fails on a poll of 500 ms or more, an answer of 2 s or more, or RSS growing 64 MB after warm-up',
      parsePositiveInteger,
    )
    .action(async (options: BenchOptions) => {
      process.exitCode = await runBench(options);
    });
}
