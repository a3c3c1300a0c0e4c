import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWhenStale } from './build-when-stale.ts';
import { findFreePort } from './find-free-port.ts';
import { readNpmStartCommand } from './npm-start-command.ts';

/** One process the bench started: its PID, where it listens, and how to stop it. */
export interface BenchProcess {
  pid: number;
  url: string;
  /** The process's output so far (it goes to a file, so reading it costs the load generator nothing). */
  output(): Promise<string>;
  stop(): Promise<void>;
}

/** The upstream child: where it listens and the credentials its token endpoint takes. */
export interface BenchUpstream extends BenchProcess {
  mode: string;
  clientId: string;
  clientSecret: string;
  /** Sends a message over IPC and resolves with the first reply that has `key`. */
  ask(message: string, key: string): Promise<unknown>;
}

const readyTimeoutMs = 20_000;
const stopGraceMs = 5000;
const extension = path.extname(fileURLToPath(import.meta.url));
const entry = (relative: string) => fileURLToPath(new URL(`${relative}${extension}`, import.meta.url));

/** Starts the upstream child (`replay` or `simulator`, see bench-upstream) and waits for its ready line. */
export async function startUpstream(mode: string): Promise<BenchUpstream> {
  const started = await startChild(
    [entry('./bench-upstream'), mode],
    { PATH: process.env.PATH },
    'ready-line',
  );
  const ready = JSON.parse(started.readyLine) as { url: string; clientId: string; clientSecret: string };
  const ask = (message: string, key: string) =>
    new Promise<unknown>((resolve) => {
      const onMessage = (reply: unknown) => {
        if (typeof reply !== 'object' || reply === null || !(key in reply)) return;
        started.child.off('message', onMessage);
        resolve((reply as Record<string, unknown>)[key]);
      };
      started.child.on('message', onMessage);
      started.child.send(message);
    });
  return {
    ...started.process,
    url: ready.url,
    mode,
    clientId: ready.clientId,
    clientSecret: ready.clientSecret,
    ask,
  };
}

/** Starts the bare undici proxy child in front of `upstreamUrl`. */
export async function startBareProxy(upstreamUrl: string): Promise<BenchProcess> {
  const started = await startChild(
    [entry('./bare-proxy'), upstreamUrl],
    { PATH: process.env.PATH },
    'ready-line',
  );
  return { ...started.process, url: (JSON.parse(started.readyLine) as { url: string }).url };
}

/** How one gateway child differs from the default one: its upstream API, config-file settings, environment. */
export interface GatewayVariant {
  surface?: 'models' | 'native';
  /** Names its config and token-cache files, so gateways started side by side share neither (the surface when left out). */
  name?: string;
  /** Written to its config file: an empty string there unsets a default, which an empty variable does not. */
  settings?: Record<string, string>;
  environment?: Record<string, string>;
}

/**
 * Starts the gateway as `npm start` does (its script's node flags and compiled entry, dist/ built
 * when stale; no NODE_OPTIONS, default log level), with a config file of the variant's settings
 * and the upstream's credentials in its environment, and waits until /readyz answers 200.
 * `native`: UPSTREAM_API=native, its base on the upstream child (the simulator's token answer
 * names the simulator itself, which the replay sits in front of).
 */
export async function startGatewayProcess(
  upstream: BenchUpstream,
  folder: string,
  variant: GatewayVariant = {},
): Promise<BenchProcess> {
  const surface = variant.surface ?? 'models';
  const name = variant.name ?? surface;
  const configFile = path.join(folder, `bench-config-${name}.json`);
  await writeFile(configFile, `${JSON.stringify(variant.settings ?? {})}\n`);
  const port = await findFreePort();
  await buildWhenStale();
  const npmStart = await readNpmStartCommand();
  const started = await startChild(
    [...npmStart.nodeArguments, npmStart.entry, 'serve', '--config', configFile],
    {
      PATH: process.env.PATH,
      HOME: folder,
      HOST: '127.0.0.1',
      PORT: String(port),
      SALESFORCE_INSTANCE_URL: upstream.url,
      SALESFORCE_CONSUMER_KEY: upstream.clientId,
      SALESFORCE_CONSUMER_SECRET: upstream.clientSecret,
      TOKEN_CACHE_FILE: path.join(folder, `token-cache-${name}.json`),
      UPSTREAM_API: surface,
      ...(surface === 'native' ? { SALESFORCE_NATIVE_API_BASE_URL: `${upstream.url}/ai/gpt/v1` } : {}),
      ...variant.environment,
    },
    `http://127.0.0.1:${port}/readyz`,
  );
  return { ...started.process, url: `http://127.0.0.1:${port}` };
}

/** A scratch folder for the gateway's home, config and the children's output. */
export function makeBenchFolder(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'sfgw-bench-'));
}

/** Removes the scratch folder. */
export function removeBenchFolder(folder: string): Promise<void> {
  return rm(folder, { recursive: true, force: true });
}

async function startChild(
  args: string[],
  env: NodeJS.ProcessEnv,
  readyWhen: 'ready-line' | string,
): Promise<{ process: BenchProcess; readyLine: string; child: ChildProcess }> {
  const folder = await mkdtemp(path.join(tmpdir(), 'sfgw-bench-out-'));
  const logFile = path.join(folder, 'output.log');
  const log = await open(logFile, 'w');
  const child = spawn(process.execPath, args, {
    env,
    cwd: path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url)))),
    // only the bench's own children get an IPC channel (they stop when it closes); the gateway none
    stdio: readyWhen === 'ready-line' ? ['ignore', 'pipe', log.fd, 'ipc'] : ['ignore', log.fd, log.fd],
  });
  await log.close();
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ? `killed by ${signal}` : `exited with ${code}`));
    child.once('error', (error) => resolve(`could not start: ${error.message}`));
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const output = () => readFile(logFile, 'utf8').catch(() => '');
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const grace = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
      await exited;
      clearTimeout(grace);
      process.removeListener('exit', killOnExit);
      await rm(folder, { recursive: true, force: true });
    })();
    return stopping;
  };
  const started = { pid: child.pid ?? 0, url: '', output, stop };
  try {
    const readyLine = await waitUntilReady(child, readyWhen, exited);
    return { process: started, readyLine, child };
  } catch (error) {
    const text = await output();
    await stop();
    throw new Error(`${(error as Error).message}\n${text.split('\n').slice(-20).join('\n')}`);
  }
}

async function waitUntilReady(
  child: ChildProcess,
  readyWhen: string,
  exited: Promise<string>,
): Promise<string> {
  let exitedWith: string | undefined;
  void exited.then((description) => {
    exitedWith = description;
  });
  const deadline = Date.now() + readyTimeoutMs;
  if (readyWhen === 'ready-line') {
    const line = await new Promise<string | undefined>((resolve) => {
      let buffered = '';
      const timer = setTimeout(() => resolve(undefined), readyTimeoutMs);
      child.stdout?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const end = buffered.indexOf('\n');
        if (end >= 0) {
          clearTimeout(timer);
          resolve(buffered.slice(0, end));
        }
      });
      void exited.then(() => resolve(undefined));
    });
    if (line === undefined)
      throw new Error(`child ${child.pid} never said it was ready (${exitedWith ?? 'timed out'})`);
    child.stdout?.resume();
    return line;
  }
  while (Date.now() < deadline && exitedWith === undefined) {
    const response = await fetch(readyWhen, { signal: AbortSignal.timeout(1000) }).catch(() => undefined);
    if (response?.ok) return '';
    await response?.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the gateway did not become ready: ${exitedWith ?? `no 200 from ${readyWhen}`}`);
}
