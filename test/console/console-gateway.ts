import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig, type RunningServer, startServer } from '../../src/index.ts';

/** A demo-mode gateway on loopback with one admin key and one plain key. */
export interface ConsoleGateway {
  /** http://127.0.0.1:PORT */
  url: string;
  /** The key of "ops", an admin. */
  adminKey: string;
  /** The key of "app", which may call the API but not open the console. */
  plainKey: string;
  server: RunningServer;
  close(): Promise<void>;
}

/** Starts a gateway on port 0 answering from the built-in simulator, with API_KEYS set. */
export async function startConsoleGateway(settings: Record<string, string> = {}): Promise<ConsoleGateway> {
  const adminKey = randomBytes(24).toString('hex');
  const plainKey = randomBytes(24).toString('hex');
  const stateDirectory = await mkdtemp(path.join(tmpdir(), 'sfgw-console-'));
  const { config } = await loadConfig({
    environment: {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      TOKEN_CACHE_FILE: path.join(stateDirectory, 'token.json'),
      USAGE_DB: path.join(stateDirectory, 'usage.db'),
      API_KEYS: JSON.stringify({ ops: { key: adminKey, admin: true }, app: plainKey }),
      ...settings,
    },
    workingDirectory: stateDirectory,
  });
  const server = await startServer(config, { logger: pino({ level: 'silent' }) });
  return { url: server.url, adminKey, plainKey, server, close: () => server.close() };
}
