import { Writable } from 'node:stream';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/simulator/simulator.ts';
import { type GatewayStack, startGatewayStack } from '../support/gateway-stack.ts';

/** A gateway and simulator whose gateway log is kept for inspection. */
export interface FaultStack extends GatewayStack {
  /** Every log line the gateway wrote so far, as raw JSON text. */
  logText(): string;
}

/** Gateway settings and simulator options for one fault stack. */
export interface FaultStackOptions {
  settings?: Record<string, string>;
  simulator?: SimulatorOptions;
  /** Use this simulator instead of starting one; closing the stack closes it too. */
  existingSimulator?: Simulator;
}

// Fast failure handling for tests: short backoffs, two retries, and by default a stream that only
// commits its 200 after 5 s of silence, so a failure arrives as a plain HTTP status. Scenarios about
// streams that already started lower STREAM_KEEPALIVE_MS.
const faultSettings: Record<string, string> = {
  UPSTREAM_MAX_RETRIES: '2',
  UPSTREAM_RETRY_BASE_MS: '10',
  UPSTREAM_RETRY_MAX_MS: '40',
  UPSTREAM_TIMEOUT_MS: '2000',
  UPSTREAM_TIMEOUT_PER_1K_CHARS_MS: '0',
  STREAM_KEEPALIVE_MS: '5000',
};

/** Starts a fresh simulator and gateway, logging at debug level into memory. */
export async function startFaultStack(options: FaultStackOptions = {}): Promise<FaultStack> {
  const chunks: string[] = [];
  const logDestination = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  const simulator = options.existingSimulator ?? (await startSimulator({ port: 0, ...options.simulator }));
  const stack = await startGatewayStack({
    settings: { ...faultSettings, ...options.settings },
    existingSimulator: simulator,
    logDestination,
    logLevel: 'debug',
  });
  return {
    ...stack,
    logText: () => chunks.join(''),
    async close() {
      // The simulator goes first: an upstream call left hanging must not hold up the gateway's close.
      await simulator.close();
      await stack.close();
    },
  };
}
