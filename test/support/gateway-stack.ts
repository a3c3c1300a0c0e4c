import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import pino, { type DestinationStream } from 'pino';
import { loadConfig } from '../../src/config/load.ts';
import { type RunningServer, startServer } from '../../src/index.ts';
import { createLoggerOptions } from '../../src/observability/logger.ts';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/simulator/simulator.ts';

/** A simulator plus a live-mode gateway pointed at it over real sockets. */
export interface GatewayStack {
  simulator: Simulator;
  server: RunningServer;
  /** http://127.0.0.1:PORT of the gateway. */
  url: string;
  openai: OpenAI;
  /** Starts a second gateway with the same settings (or some changed), e.g. to test a restart. */
  restart(changedSettings?: Record<string, string>): Promise<RunningServer>;
  close(): Promise<void>;
}

/** Options: extra gateway settings (by setting name) and simulator options. */
export interface StackOptions {
  settings?: Record<string, string>;
  simulator?: SimulatorOptions;
  /** Reuse a running simulator instead of starting one. */
  existingSimulator?: Simulator;
  /** Receives the gateway's JSON log lines at info level; without it the gateway is silent. */
  logDestination?: DestinationStream;
  /** Level of the captured log (default info). */
  logLevel?: string;
}

/** Starts a simulator on port 0 and a gateway on port 0 in live mode against it. */
export async function startGatewayStack(options: StackOptions = {}): Promise<GatewayStack> {
  const simulator = options.existingSimulator ?? (await startSimulator({ port: 0, ...options.simulator }));
  const stateDirectory = await mkdtemp(path.join(tmpdir(), 'sfgw-stack-'));
  const environment = {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SALESFORCE_CONSUMER_KEY: simulator.clientId,
    SALESFORCE_CONSUMER_SECRET: simulator.clientSecret,
    SALESFORCE_INSTANCE_URL: simulator.url,
    TOKEN_CACHE_FILE: path.join(stateDirectory, 'token.json'),
    USAGE_DB: path.join(stateDirectory, 'usage.db'),
    UPSTREAM_RETRY_BASE_MS: '10',
    UPSTREAM_RETRY_MAX_MS: '50',
    STREAM_KEEPALIVE_MS: '200',
    ...options.settings,
  };
  const start = async (changedSettings: Record<string, string> = {}) => {
    const { config } = await loadConfig({
      environment: { ...environment, ...changedSettings },
      workingDirectory: stateDirectory,
    });
    const logger = options.logDestination
      ? pino(createLoggerOptions(options.logLevel ?? 'info', false), options.logDestination)
      : pino({ level: 'silent' });
    return startServer(config, { logger });
  };
  const servers: RunningServer[] = [await start()];
  const server = servers[0] as RunningServer;
  return {
    simulator,
    server,
    url: server.url,
    openai: new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'test-key', maxRetries: 0 }),
    async restart(changedSettings) {
      const next = await start(changedSettings);
      servers.push(next);
      return next;
    },
    async close() {
      for (const running of servers) await running.close();
      if (!options.existingSimulator) await simulator.close();
    },
  };
}
