import { connect, createServer, type Socket } from 'node:net';
import { findFreePort } from '../../src/bench/find-free-port.ts';
import { startSimulator } from '../../src/simulator/simulator.ts';
import { type FaultStack, startFaultStack } from './fault-stack.ts';

/** A stack with one Salesforce host unreachable, and the way to bring it back. */
export interface ClosedPortStack {
  stack: FaultStack;
  /** Opens the closed port, forwarding it to the simulator. */
  heal(): Promise<void>;
}

// A loopback address of its own: every other test server listens on 127.0.0.1, so a port that was
// free here stays closed, where on 127.0.0.1 another test's server could be handed it meanwhile.
const closedHost = '127.0.0.2';

/** Listens on `port` and pipes every connection to `targetPort`; returns how to stop it. */
async function startForwarder(port: number, targetPort: number): Promise<() => Promise<void>> {
  const sockets = new Set<Socket>();
  const server = createServer((incoming) => {
    const outgoing = connect(targetPort, '127.0.0.1');
    for (const socket of [incoming, outgoing]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => incoming.destroy());
    }
    incoming.on('close', () => outgoing.destroy());
    outgoing.on('close', () => incoming.destroy());
    incoming.pipe(outgoing).pipe(incoming);
  });
  await new Promise<void>((resolve) => server.listen(port, closedHost, resolve));
  return async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
}

/**
 * Starts a fault stack whose token endpoint (SALESFORCE_INSTANCE_URL) or Models API host
 * (SALESFORCE_API_BASE_URL) is a local port that refuses connections, the other pointing at the simulator.
 */
export async function startStackWithClosedPort(
  closed: 'token-endpoint' | 'models-api',
  settings: Record<string, string> = {},
): Promise<ClosedPortStack> {
  const simulator = await startSimulator({ port: 0 });
  const port = await findFreePort(closedHost);
  const closedUrl = `http://${closedHost}:${port}`;
  const hosts =
    closed === 'token-endpoint'
      ? { SALESFORCE_INSTANCE_URL: closedUrl, SALESFORCE_API_BASE_URL: simulator.apiBaseUrl }
      : {
          SALESFORCE_INSTANCE_URL: simulator.url,
          SALESFORCE_API_BASE_URL: `${closedUrl}/einstein/platform/v1`,
        };
  const stack = await startFaultStack({ existingSimulator: simulator, settings: { ...settings, ...hosts } });
  let stopForwarder: (() => Promise<void>) | undefined;
  return {
    stack: {
      ...stack,
      async close() {
        await stopForwarder?.();
        await stack.close();
      },
    },
    async heal() {
      stopForwarder = await startForwarder(port, simulator.port);
    },
  };
}
