import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/simulator/simulator.ts';
import { cleanEnvironment, type RunningCli, startCli } from './support/spawn-cli.ts';

let simulator: Simulator | undefined;
let gateway: RunningCli | undefined;
let folder: string | undefined;

afterEach(async () => {
  if (gateway?.child.exitCode === null) gateway.child.kill('SIGKILL');
  gateway = undefined;
  await simulator?.close();
  simulator = undefined;
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

/** `sfgw serve` in live mode against a simulator started in this process. */
async function startGateway(settings: Record<string, string>): Promise<{ url: string; cli: RunningCli }> {
  simulator = await startSimulator({ port: 0 });
  folder = await mkdtemp(path.join(tmpdir(), 'sfgw-shutdown-'));
  gateway = startCli(
    ['serve', '--port', '0'],
    cleanEnvironment({
      LOG_LEVEL: 'info',
      SALESFORCE_CONSUMER_KEY: simulator.clientId,
      SALESFORCE_CONSUMER_SECRET: simulator.clientSecret,
      SALESFORCE_INSTANCE_URL: simulator.url,
      TOKEN_CACHE_FILE: path.join(folder, 'token.json'),
      USAGE_DB: path.join(folder, 'usage.db'),
      STREAM_KEEPALIVE_MS: '200',
      ...settings,
    }),
  );
  const line = await gateway.waitForLine(/sf-models-gateway listening/);
  return { url: (JSON.parse(line) as { url: string }).url, cli: gateway };
}

/** Starts a streamed chat completion and waits until the simulator has the upstream call. */
async function startStream(url: string): Promise<{ body: Promise<string> }> {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'gpt-4o-mini',
      stream: true,
      messages: [{ role: 'user', content: 'tell me something' }],
    }),
  });
  expect(response.status).toBe(200);
  await expect.poll(() => simulator?.counters().chatGenerations).toBe(1);
  return { body: response.text() };
}

function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** A request on a brand-new connection: resolves with the status, or rejects when refused. */
function requestOnNewConnection(url: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('sfgw serve shutting down', () => {
  it('lets a stream in flight finish with [DONE] on SIGTERM, refuses new requests, and exits 0', async () => {
    const { url, cli } = await startGateway({});
    simulator?.setSlowMode(1500);
    const { body } = await startStream(url);

    cli.child.kill('SIGTERM');
    await cli.waitForLine(/shutting down/);
    await expect(requestOnNewConnection(`${url}/v1/models`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    const text = await body;
    expect(text).toContain('"content"');
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(await exitCode(cli.child)).toBe(0);
    expect(cli.output().stdout).toMatch(/"finishedInTime":true/);
  });

  it('ends a stream that outlasts SHUTDOWN_TIMEOUT_MS with an error event and still exits 0', async () => {
    // the upstream would answer long after the test's own timeout: only the deadline can end this
    const { url, cli } = await startGateway({ SHUTDOWN_TIMEOUT_MS: '300' });
    simulator?.setSlowMode(60_000);
    const { body } = await startStream(url);

    cli.child.kill('SIGTERM');
    const text = await body;
    const events = text
      .split('\n\n')
      .filter((frame) => frame.startsWith('data: {'))
      .map((frame) => JSON.parse(frame.slice('data: '.length)));
    expect(events.at(-1)).toMatchObject({ error: { code: 'shutting_down' } });
    expect(await exitCode(cli.child)).toBe(0);
    expect(cli.output().stdout).toMatch(/"finishedInTime":false,"streamsEnded":1/);
  });

  it('exits at once, non-zero, on a second signal during the drain', async () => {
    const { url, cli } = await startGateway({});
    simulator?.setSlowMode(60_000);
    const { body } = await startStream(url);
    const outcome = body.then(
      () => 'completed',
      () => 'cut',
    );

    cli.child.kill('SIGTERM');
    await cli.waitForLine(/shutting down/);
    cli.child.kill('SIGTERM');
    expect(await exitCode(cli.child)).toBe(1);
    expect(await outcome).toBe('cut');
  });
});
