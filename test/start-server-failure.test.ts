import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.ts';
import { startServer } from '../src/index.ts';
import { createLogger } from '../src/observability/logger.ts';

const listeningServers = () =>
  process.getActiveResourcesInfo().filter((resource) => resource === 'TCPServerWrap').length;

describe('startServer when the gateway cannot listen', () => {
  let blocker: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve())));

  it('rejects and closes the demo simulator it started, leaving no socket listening', async () => {
    const taken = createServer();
    blocker = taken;
    const port = await new Promise<number>((resolve) =>
      taken.listen(0, '127.0.0.1', () => resolve((taken.address() as { port: number }).port)),
    );
    const before = listeningServers();
    const { config } = await loadConfig({
      flags: { PORT: port, HOST: '127.0.0.1', LOG_LEVEL: 'silent', SFGW_DEMO: true },
    });
    await expect(startServer(config, { logger: createLogger('silent') })).rejects.toThrow(/EADDRINUSE/);
    // closing is asynchronous: the handles go within a few ticks when everything was closed
    await expect.poll(listeningServers, { timeout: 1000 }).toBe(before);
  });
});
