import type { Worker } from 'node:cluster';

// What the cluster primary and its workers tell each other beyond node:cluster's own protocol.

/** Environment variable that hands workers the URL of the primary's shared demo simulator. */
export const simulatorUrlVariable = 'SFGW_CLUSTER_SIMULATOR_URL';

const shutdownMessageType = 'sfgw:shutdown';

/** Asks a worker to drain and exit, as SIGTERM would, without it counting as a signal. */
export function requestWorkerShutdown(worker: Worker): void {
  if (worker.isConnected()) worker.send({ type: shutdownMessageType });
}

/** In a worker: calls onShutdown when the primary asks for a shutdown. */
export function onShutdownRequest(onShutdown: () => void): void {
  process.on('message', (message: unknown) => {
    if ((message as { type?: unknown } | null)?.type === shutdownMessageType) onShutdown();
  });
}
