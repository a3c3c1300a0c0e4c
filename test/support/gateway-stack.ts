import type { RunningServer } from '../../src/index.ts';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/simulator/simulator.ts';
import { type GatewayLogOptions, type LiveGateway, startLiveGateway } from './live-gateway.ts';

/** A simulator plus a live-mode gateway pointed at it over real sockets. */
export interface GatewayStack extends LiveGateway {
  simulator: Simulator;
  /** Starts a second gateway with the same settings (or some changed), e.g. to test a restart. */
  restart(changedSettings?: Record<string, string>): Promise<RunningServer>;
}

/** Options: extra gateway settings (by setting name), simulator options and where the gateway logs. */
export interface StackOptions extends GatewayLogOptions {
  settings?: Record<string, string>;
  simulator?: SimulatorOptions;
  /** Reuse a running simulator instead of starting one. */
  existingSimulator?: Simulator;
}

/** Starts a simulator on port 0 and a gateway on port 0 in live mode against it. */
export async function startGatewayStack(options: StackOptions = {}): Promise<GatewayStack> {
  const simulator = options.existingSimulator ?? (await startSimulator({ port: 0, ...options.simulator }));
  const settings = {
    SALESFORCE_CONSUMER_KEY: simulator.clientId,
    SALESFORCE_CONSUMER_SECRET: simulator.clientSecret,
    SALESFORCE_INSTANCE_URL: simulator.url,
    ...options.settings,
  };
  const { launch, ...gateway } = await startLiveGateway(settings, options, async () => {
    if (!options.existingSimulator) await simulator.close();
  });
  return { ...gateway, simulator, restart: launch };
}
