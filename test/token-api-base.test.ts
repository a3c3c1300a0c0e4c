import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/simulator/simulator.ts';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';
import { postChat } from './support/post-chat.ts';
import { sharedRedisUrl } from './support/shared-redis-url.ts';

let simulator: Simulator;
let redis: Awaited<ReturnType<typeof sharedRedisUrl>>;
let stack: GatewayStack | undefined;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
  redis = await sharedRedisUrl();
});
afterEach(async () => {
  await stack?.close();
  stack = undefined;
  simulator.reset();
});
afterAll(async () => {
  await redis?.close();
  await simulator?.close();
});

// The token is saved in the background once fetched.
async function waitUntil(saved: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!(await saved())) {
    if (Date.now() > deadline) throw new Error('the token was never saved');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const fileExists = (file: string) => () =>
  stat(file).then(
    () => true,
    () => false,
  );

// Two spellings of the same simulator, so the Host header tells which base a call went to.
const hostOf = (base: string) => new URL(base).host;
const bases = () => ({
  first: `http://127.0.0.1:${simulator.port}/einstein/platform/v1`,
  second: `http://localhost:${simulator.port}/einstein/platform/v1`,
});

/** Serves one chat with the first base, restarts with the second, serves another. */
async function restartWithAnotherBase(settings: Record<string, string>, tokenSaved: () => Promise<void>) {
  const { first, second } = bases();
  stack = await startGatewayStack({
    existingSimulator: simulator,
    settings: { ...settings, SALESFORCE_API_BASE_URL: first },
  });
  expect((await postChat(stack.url, 'openai')).status).toBe(200);
  await tokenSaved();
  await stack.server.close();
  const restarted = await stack.restart({ SALESFORCE_API_BASE_URL: second });
  expect((await postChat(restarted.url, 'openai')).status).toBe(200);
  const hosts = simulator.requests('chat-generations').map((request) => request.headers.host);
  expect(hosts).toEqual([hostOf(first), hostOf(second)]);
  expect(simulator.counters().tokenRequests).toBe(2);
}

describe('a stored token after SALESFORCE_API_BASE_URL changed', () => {
  it('is not reused from the token file, so calls go to the new base', async () => {
    const tokenFile = path.join(await mkdtemp(path.join(tmpdir(), 'sfgw-token-')), 'token.json');
    await restartWithAnotherBase({ TOKEN_CACHE_FILE: tokenFile }, () => waitUntil(fileExists(tokenFile)));
  });

  it('is not reused from Redis, so calls go to the new base', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'sfgw-token-'));
    const keyPrefix = `sfgw-test-${path.basename(folder)}:`;
    const client = new Redis(redis.url);
    try {
      const tokenKeyWritten = async () => (await client.keys(`${keyPrefix}token:*`)).length > 0;
      await restartWithAnotherBase(
        { TOKEN_CACHE_FILE: '', REDIS_URL: redis.url, REDIS_KEY_PREFIX: keyPrefix },
        () => waitUntil(tokenKeyWritten),
      );
    } finally {
      client.disconnect();
    }
  });

  it('is still reused after a restart with the same base', async () => {
    const tokenFile = path.join(await mkdtemp(path.join(tmpdir(), 'sfgw-token-')), 'token.json');
    const { first } = bases();
    stack = await startGatewayStack({
      existingSimulator: simulator,
      settings: { TOKEN_CACHE_FILE: tokenFile, SALESFORCE_API_BASE_URL: first },
    });
    expect((await postChat(stack.url, 'openai')).status).toBe(200);
    await waitUntil(fileExists(tokenFile));
    await stack.server.close();
    const restarted = await stack.restart();
    expect((await postChat(restarted.url, 'openai')).status).toBe(200);
    expect(simulator.counters().tokenRequests).toBe(1);
  });
});
