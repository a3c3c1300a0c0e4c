import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import pino, { type DestinationStream } from 'pino';
import { loadConfig } from '../../src/config/load.ts';
import { type RunningServer, startServer } from '../../src/index.ts';
import { createLoggerOptions } from '../../src/observability/logger.ts';

/** Where a test gateway logs: nowhere, unless a destination is given. */
export interface GatewayLogOptions {
  /** Receives the gateway's JSON log lines at info level; without it the gateway is silent. */
  logDestination?: DestinationStream;
  /** Level of the captured log (default info). */
  logLevel?: string;
}

/** A live gateway under test, with an OpenAI client (no retries) pointed at it. */
export interface LiveGateway {
  server: RunningServer;
  /** http://127.0.0.1:PORT of the gateway. */
  url: string;
  openai: OpenAI;
  /** Closes the gateways, and the simulators the stack started itself. */
  close(): Promise<void>;
}

/** Starts gateways with one set of settings, some of them changed. */
export type LaunchGateway = (changedSettings?: Record<string, string>) => Promise<RunningServer>;

/**
 * Starts a gateway on port 0 in live mode with the test defaults (silent log, token cache and usage
 * ledger in a temporary folder, fast upstream retries, short stream keep-alives) and `settings` on top.
 * `launch` starts more on the same folder (a second one finds the first one's token cache); `close`
 * closes them all, then runs `closeSimulators`.
 */
export async function startLiveGateway(
  settings: Record<string, string>,
  logOptions: GatewayLogOptions,
  closeSimulators: () => Promise<void>,
): Promise<LiveGateway & { launch: LaunchGateway }> {
  const stateDirectory = await mkdtemp(path.join(tmpdir(), 'sfgw-stack-'));
  const environment = {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    TOKEN_CACHE_FILE: path.join(stateDirectory, 'token.json'),
    USAGE_DB: path.join(stateDirectory, 'usage.db'),
    UPSTREAM_RETRY_BASE_MS: '10',
    UPSTREAM_RETRY_MAX_MS: '50',
    STREAM_KEEPALIVE_MS: '200',
    ...settings,
  };
  const servers: RunningServer[] = [];
  const launch: LaunchGateway = async (changedSettings = {}) => {
    const { config } = await loadConfig({
      environment: { ...environment, ...changedSettings },
      workingDirectory: stateDirectory,
    });
    const logger = logOptions.logDestination
      ? pino(createLoggerOptions(logOptions.logLevel ?? 'info', false), logOptions.logDestination)
      : pino({ level: 'silent' });
    const server = await startServer(config, { logger });
    servers.push(server);
    return server;
  };
  const server = await launch().catch(async (error: unknown) => {
    await closeSimulators();
    throw error;
  });
  return {
    server,
    url: server.url,
    openai: new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'test-key', maxRetries: 0 }),
    launch,
    async close() {
      for (const running of servers) await running.close();
      await closeSimulators();
    },
  };
}
