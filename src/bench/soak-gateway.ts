import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelsEndpoint } from '../simulator/endpoints.ts';
import { type RateLimit, type Simulator, startSimulator } from '../simulator/simulator.ts';
import { findFreePort } from './find-free-port.ts';

/** A gateway in a child process of its own, talking to a simulator in this process. */
export interface SoakGateway {
  url: string;
  pid: number;
  /** The simulator it calls, e.g. to script long answers. */
  simulator: Simulator;
  /** Resolves with a description once the gateway process has exited, however it ended. */
  exited: Promise<string>;
  /** The last lines the gateway printed, for a report when it misbehaves. */
  outputTail(): string[];
  /** Stops the gateway (SIGTERM, SIGKILL after a grace period) and the simulator; safe to call twice. */
  stop(): Promise<void>;
}

const readyTimeoutMs = 20_000;
const stopGraceMs = 5000;
const tailLines = 20;
const maxLineLength = 500;
// Salesforce's documented budgets would turn a fast local soak into 429s.
const unlimited: RateLimit = { limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 };
/** No simulator rate limit on any endpoint: shared by every bench that starts a simulator. */
export const unlimitedRateLimits: Record<ModelsEndpoint, RateLimit> = {
  generations: unlimited,
  'chat-generations': unlimited,
  embeddings: unlimited,
  feedback: unlimited,
};

// The CLI entry with this module's extension, so the soak works from the sources and from the build.
const cliEntry = fileURLToPath(
  new URL(`../cli/main${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url),
);

/** How the gateway process is started. */
export interface SoakGatewayOptions {
  /** NODE_OPTIONS of the gateway process, e.g. V8 heap settings; none by default. */
  nodeOptions?: string;
}

/** Starts the simulator, then `sfgw serve` in a child process pointed at it, and waits until /readyz answers 200. */
export async function startSoakGateway(options: SoakGatewayOptions = {}): Promise<SoakGateway> {
  const simulator = await startSimulator({ host: '127.0.0.1', port: 0, rateLimits: unlimitedRateLimits });
  const prepared = await prepareFolderAndPort().catch(async (error: unknown) => {
    await simulator.close();
    throw error;
  });
  const { folder, configFile, port } = prepared;
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [cliEntry, 'serve', '--config', configFile], {
    env: {
      PATH: process.env.PATH,
      ...(options.nodeOptions === undefined ? {} : { NODE_OPTIONS: options.nodeOptions }),
      HOME: folder,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SALESFORCE_INSTANCE_URL: simulator.url,
      SALESFORCE_CONSUMER_KEY: simulator.clientId,
      SALESFORCE_CONSUMER_SECRET: simulator.clientSecret,
      TOKEN_CACHE_FILE: path.join(folder, 'token-cache.json'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // its own process group: a Ctrl-C meant for the soak must not stop the gateway under test first
    detached: true,
  });
  const tail: string[] = [];
  const keepTail = (chunk: Buffer) => {
    const lines = chunk.toString('utf8').split('\n').filter(Boolean);
    tail.push(
      ...lines.map((line) => (line.length > maxLineLength ? `${line.slice(0, maxLineLength)}…` : line)),
    );
    tail.splice(0, Math.max(0, tail.length - tailLines));
  };
  child.stdout.on('data', keepTail);
  child.stderr.on('data', keepTail);
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) =>
      resolve(signal ? `killed by ${signal}` : `exited with code ${code}`),
    );
    child.once('error', (error) => resolve(`could not start: ${error.message}`));
  });
  let alive = true;
  void exited.then(() => {
    alive = false;
  });
  // whatever ends this process (an error, process.exit), the gateway must not outlive it
  const killOnExit = () => {
    if (alive) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (alive) child.kill('SIGTERM');
      const grace = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
      await exited;
      clearTimeout(grace);
      process.removeListener('exit', killOnExit);
      await simulator.close();
      await rm(folder, { recursive: true, force: true });
    })();
    return stopping;
  };
  const gateway: SoakGateway = {
    url,
    pid: child.pid ?? 0,
    simulator,
    exited,
    outputTail: () => [...tail],
    stop,
  };
  const ready = await waitForReady(url, exited);
  if (ready !== true) {
    await stop();
    throw new Error(`the gateway did not become ready: ${ready}\n${tail.join('\n')}`);
  }
  return gateway;
}

async function waitForReady(url: string, exited: Promise<string>): Promise<true | string> {
  let exitedWith: string | undefined;
  void exited.then((description) => {
    exitedWith = description;
  });
  const deadline = Date.now() + readyTimeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline && exitedWith === undefined) {
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return true;
      last = `/readyz answered ${response.status}: ${await response.text()}`;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return exitedWith === undefined ? `${last} after ${readyTimeoutMs / 1000} s` : `it ${exitedWith}`;
}

async function prepareFolderAndPort() {
  const folder = await mkdtemp(path.join(tmpdir(), 'sfgw-soak-'));
  // an explicit empty config file, so no config.json found on the search path changes the gateway
  const configFile = path.join(folder, 'soak-config.json');
  await writeFile(configFile, '{}\n');
  // the gateway logs its URL only at info level; a port chosen first keeps the soak's log at warn
  return { folder, configFile, port: await findFreePort() };
}
