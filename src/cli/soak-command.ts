import type { Command } from 'commander';
import { runSoak, type SoakOptions } from '../bench/run-soak.ts';
import { exitTwoOnUsageError, parseCount, parsePositiveInteger, parsePositiveNumber } from './cli-options.ts';

const defaultDurationSeconds = 300;
const defaultWarmupSeconds = 60;
const defaultMaxGrowthMegabytes = 48;

/** `sfgw soak`: a bounded, steady mixed load that fails when the gateway's RSS keeps growing after warm-up. */
export function registerSoakCommand(program: Command): void {
  exitTwoOnUsageError(program.command('soak'))
    .description(
      "steady mixed load (OpenAI and Anthropic, streamed and whole, tools, responses, embeddings, token counts) for minutes; fails if the gateway's RSS keeps growing after warm-up or requests fail",
    )
    .option(
      '--url <url>',
      'soak a gateway already running on this machine (RSS from its /v1/performance/metrics); default: start one in a child process against a local simulator',
    )
    .option(
      '--api-key <key>',
      'API key for --url, sent as a Bearer token and as x-api-key (default: $SFGW_API_KEY)',
    )
    .option('-d, --duration <seconds>', 'how long to send', parsePositiveNumber, defaultDurationSeconds)
    .option('--warmup <seconds>', 'time before the RSS level counts', parseCount, defaultWarmupSeconds)
    .option('-c, --concurrency <count>', 'requests in flight at once', parsePositiveInteger, 8)
    .option(
      '--rate <per-second>',
      'most requests started per second (default: as fast as the answers come); e.g. 150 to stay within the simulator budgets of a demo gateway',
      parsePositiveNumber,
    )
    .option(
      '--max-growth-mb <megabytes>',
      'RSS growth allowed from after warm-up to the end',
      parsePositiveNumber,
      defaultMaxGrowthMegabytes,
    )
    .action(async (options: SoakOptions) => {
      process.exitCode = await runSoak(options);
    });
}
