import { loadConfig } from '../config/load.ts';
import { startServer } from '../index.ts';
import { createLogger } from '../observability/logger.ts';
import { createSimulatorClient } from '../simulator/simulator-client.ts';

/** A demo gateway and its simulator in this process, for measuring gateway overhead. */
export interface BenchStack {
  gatewayUrl: string;
  /** The simulator's Models API base URL. */
  apiBaseUrl: string;
  /** An access token for calling the simulator directly. */
  token: string;
  close(): Promise<void>;
}

/** Starts a silent demo-mode gateway on a free loopback port. */
export async function startBenchStack(): Promise<BenchStack> {
  const { config } = await loadConfig({
    flags: { PORT: 0, HOST: '127.0.0.1', LOG_LEVEL: 'silent', SFGW_DEMO: true },
  });
  const server = await startServer(config, { logger: createLogger('silent') });
  const simulator = server.gateway.simulator;
  if (simulator === null) {
    await server.close();
    throw new Error('the demo gateway started without its simulator');
  }
  // Salesforce's documented budget (10,000 a minute) would turn a fast local run into 429s.
  simulator.setRateLimit('chat-generations', { limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 });
  return {
    gatewayUrl: server.url,
    apiBaseUrl: simulator.apiBaseUrl,
    token: await createSimulatorClient(simulator).fetchToken(),
    close: () => server.close(),
  };
}
