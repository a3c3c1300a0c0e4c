import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/simulator/simulator.ts';
import { cleanEnvironment, type RunningCli, startCli } from './support/spawn-cli.ts';

let simulator: Simulator | undefined;
let primary: RunningCli | undefined;
let folder: string | undefined;
const workerPids: number[] = [];

afterEach(async () => {
  if (primary?.child.exitCode === null) primary.child.kill('SIGKILL');
  for (const pid of workerPids.splice(0)) {
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  primary = undefined;
  await simulator?.close();
  simulator = undefined;
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pids of the workers the primary has reported listening, in order. */
function listeningWorkers(cli: RunningCli): number[] {
  return cli
    .output()
    .stdout.split('\n')
    .filter((line) => line.includes('"msg":"worker listening"'))
    .map((line) => (JSON.parse(line) as { workerPid: number }).workerPid);
}

function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** One request on a connection of its own, so the cluster hands it to the next worker. */
function requestOnNewConnection(url: string, json?: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      url,
      {
        agent: false,
        method: json === undefined ? 'GET' : 'POST',
        headers: json === undefined ? {} : { 'content-type': 'application/json' },
      },
      (response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(json === undefined ? undefined : JSON.stringify(json));
  });
}

async function chat(url: string, content: string): Promise<number> {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('sfgw serve --workers', () => {
  it('shares one token among its workers, replaces a killed worker, and drains them all on SIGTERM', async () => {
    simulator = await startSimulator({ port: 0 });
    folder = await mkdtemp(path.join(tmpdir(), 'sfgw-cluster-'));
    primary = startCli(
      ['serve', '--port', '0', '--workers', '3'],
      cleanEnvironment({
        LOG_LEVEL: 'info',
        SALESFORCE_CONSUMER_KEY: simulator.clientId,
        SALESFORCE_CONSUMER_SECRET: simulator.clientSecret,
        SALESFORCE_INSTANCE_URL: simulator.url,
        TOKEN_CACHE_FILE: path.join(folder, 'token.json'),
        USAGE_DB: path.join(folder, 'usage.db'),
      }),
    );
    const line = await primary.waitForLine(/cluster listening/);
    const { url, workers } = JSON.parse(line) as { url: string; workers: number };
    expect(workers).toBe(3);
    const firstWorkers = listeningWorkers(primary);
    workerPids.push(...firstWorkers);
    expect(new Set(firstWorkers).size).toBe(3);

    // slow answers keep 30 connections open at once, so every worker gets some, all starting cold
    simulator.setSlowMode(300);
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, index) => chat(url, `hello ${index}`)));
    expect(statuses).toEqual(Array(30).fill(200));
    expect(simulator.counters().tokenRequests).toBe(1);
    expect(simulator.counters().chatGenerations).toBe(30);
    const bearers = new Set(
      simulator.requests('chat-generations').map((request) => request.headers.authorization),
    );
    expect(bearers.size).toBe(1);

    const [victim] = firstWorkers as [number];
    process.kill(victim, 'SIGKILL');
    await expect.poll(() => listeningWorkers(primary as RunningCli).length, { timeout: 10_000 }).toBe(4);
    const replacement = listeningWorkers(primary).at(-1) as number;
    workerPids.push(replacement);
    expect(firstWorkers).not.toContain(replacement);
    expect(primary.output().stdout).toContain('"msg":"worker exited"');

    simulator.setSlowMode(0);
    const after = await Promise.all(Array.from({ length: 9 }, (_, index) => chat(url, `again ${index}`)));
    expect(after).toEqual(Array(9).fill(200));
    expect(simulator.counters().tokenRequests).toBe(1);

    // SIGTERM to the primary drains the workers: a stream in flight still completes
    simulator.setSlowMode(500);
    const stream = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt-4o-mini',
        stream: true,
        messages: [{ role: 'user', content: 'last' }],
      }),
    });
    await expect.poll(() => simulator?.counters().chatGenerations).toBe(40);
    primary.child.kill('SIGTERM');
    expect((await stream.text()).trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(await exitCode(primary.child)).toBe(0);
    for (const pid of [...firstWorkers.slice(1), replacement]) expect(isAlive(pid)).toBe(false);
  });

  it('in demo mode runs one simulator in the primary that every worker uses', async () => {
    primary = startCli(['serve', '--port', '0', '--workers', '2'], cleanEnvironment({ LOG_LEVEL: 'info' }));
    const { url } = JSON.parse(await primary.waitForLine(/cluster listening/)) as { url: string };
    workerPids.push(...listeningWorkers(primary));
    expect(primary.output().stderr.match(/DEMO MODE/g)).toHaveLength(1);

    // one connection each: the cluster hands them to the workers in turn
    for (let round = 0; round < 4; round += 1) {
      const answer = await requestOnNewConnection(`${url}/v1/chat/completions`, {
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: `hello ${round}` }],
      });
      expect(answer.status).toBe(200);
    }
    const apiBases = new Set<string | null>();
    for (let round = 0; round < 4; round += 1) {
      const health = JSON.parse((await requestOnNewConnection(`${url}/health`)).body) as {
        mode: string;
        upstream: { apiBaseUrl: string | null };
      };
      expect(health.mode).toBe('demo');
      apiBases.add(health.upstream.apiBaseUrl);
    }
    expect(apiBases.size).toBe(1);
    expect([...apiBases][0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/einstein\/platform\/v1$/);

    primary.child.kill('SIGTERM');
    expect(await exitCode(primary.child)).toBe(0);
  });
});
