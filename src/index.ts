import type { Logger } from 'pino';
import { isLoopbackHost } from './config/build-access-config.ts';
import type { Config } from './config/schema.ts';
import { createGateway, type Gateway } from './gateway.ts';
import { createLogger } from './observability/logger.ts';
import { formatListenUrl } from './server/listen-url.ts';
import type { DrainOutcome } from './server/shutdown-guard.ts';
import type { Simulator } from './simulator/simulator.ts';
import { startUpstream, type UpstreamOptions } from './start-upstream.ts';

export { ConfigError, loadConfig } from './config/load.ts';
export type { Config } from './config/schema.ts';
export { createGateway, type Gateway, type GatewayUpstream } from './gateway.ts';
export type { DrainOutcome } from './server/shutdown-guard.ts';
export type { Simulator } from './simulator/simulator.ts';
export { startUpstream, type Upstream } from './start-upstream.ts';

/** A served gateway, with the simulator it answers from when this process started one for demo mode. */
export interface ServedGateway extends Gateway {
  simulator: Simulator | null;
}

/** A gateway listening on a socket. */
export interface RunningServer {
  gateway: ServedGateway;
  /** Base URL, e.g. http://127.0.0.1:8000 (OpenAI clients append /v1). */
  url: string;
  /** Stops listening, lets in-flight requests and streams finish within timeoutMs, ends the rest, closes. */
  shutdown(timeoutMs: number): Promise<DrainOutcome>;
  close(): Promise<void>;
}

/** Extra wiring for startServer. */
export interface ServerOptions extends UpstreamOptions {
  logger?: Logger;
  configFile?: string | null;
}

/** Starts the upstream (the simulator in demo mode), builds the gateway and listens on config.host:config.port. */
export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const upstream = await startUpstream(config, { simulatorUrl: options.simulatorUrl });
  // a gateway that cannot be built or cannot listen (a port in use) leaves nothing running behind it
  const built = await createGateway(config, {
    logger,
    configFile: options.configFile ?? null,
    upstream,
  }).catch(async (error: unknown) => {
    await upstream.close();
    throw error;
  });
  const gateway: ServedGateway = Object.assign(built, { simulator: upstream.simulator });
  await gateway.app.listen({ port: config.port, host: config.host }).catch(async (error: unknown) => {
    await gateway.close();
    throw error;
  });
  const address = gateway.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = formatListenUrl(config.host, port);
  if (gateway.mode === 'demo') {
    logger.warn(
      { simulator: gateway.simulator?.url },
      'DEMO MODE: no Salesforce credentials, answering from the built-in simulator',
    );
  }
  if (config.access.apiKeys.length === 0 && !isLoopbackHost(config.host)) {
    logger.warn(
      { host: config.host },
      'NO AUTHENTICATION: anyone who can reach this port can use your Salesforce org; set API_KEYS',
    );
  }
  logger.info(
    { url, mode: gateway.mode, apiKeys: config.access.apiKeys.map((apiKey) => apiKey.name) },
    'sf-models-gateway listening',
  );
  return {
    gateway,
    url,
    async shutdown(timeoutMs) {
      const outcome = await gateway.shutdown.drain(timeoutMs);
      await gateway.close();
      return outcome;
    },
    close: () => gateway.close(),
  };
}
