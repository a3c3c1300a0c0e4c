import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.ts';
import { createGateway } from '../src/gateway.ts';
import { type Simulator, startSimulator } from '../src/simulator/simulator.ts';
import { startUpstream } from '../src/start-upstream.ts';
import { cleanEnvironment, runCli } from './support/spawn-cli.ts';

// config check and token refresh, with an in-process simulator standing in for Salesforce.

let folder: string;
let simulator: Simulator;
let environment: NodeJS.ProcessEnv;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'sfgw-config-'));
  environment = cleanEnvironment({ HOME: folder });
  simulator = await startSimulator({ port: 0 });
});

afterAll(async () => {
  await simulator?.close();
});

describe('sfgw config check', () => {
  it('exits 2 on a bad value with one line and no secret', async () => {
    const secret = 'consumer-secret-that-must-not-show';
    const result = await runCli(
      ['config', 'check'],
      cleanEnvironment({
        HOME: folder,
        SALESFORCE_CONSUMER_KEY: 'key',
        SALESFORCE_CONSUMER_SECRET: secret,
        SALESFORCE_INSTANCE_URL: 'mycompany.my.salesforce.com',
      }),
    );
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('SALESFORCE_INSTANCE_URL');
    expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it('accepts a demo config file: settings, demo mode and the catalog size', async () => {
    const file = path.join(folder, 'demo.json');
    await writeFile(file, JSON.stringify({ PORT: 9123, MODEL_ALIASES: { house: 'sfdc_ai__DefaultGPT41' } }));
    const result = await runCli(['config', 'check', '--config', file], environment);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`config file: ${file}`);
    expect(result.stdout).toMatch(/^ {2}port: 9123$/m);
    expect(result.stdout).toContain('mode: demo');
    expect(result.stdout).toMatch(/token: not fetched: demo mode/);
    expect(Number(result.stdout.match(/catalog: (\d+) model names/)?.[1])).toBeGreaterThan(0);
  });

  it('never prints API keys or the Redis password, and says whether Redis answers', async () => {
    const key = 'sk-config-check-0123456789';
    const result = await runCli(
      ['config', 'check'],
      cleanEnvironment({
        HOME: folder,
        API_KEYS: JSON.stringify({ n8n: key }),
        // nothing listens on port 1: the check reports Redis as unreachable
        REDIS_URL: 'redis://:redis-password-0000@127.0.0.1:1',
      }),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain(key);
    expect(result.stdout).not.toContain('redis-password-0000');
    expect(result.stdout).toContain('"name":"n8n"');
    expect(Number(result.stdout.match(/catalog: (\d+) model names/)?.[1])).toBeGreaterThan(0);
    expect(result.stdout).toContain('shared store: Redis NOT reachable');
  });

  it('fetches a token with live credentials and redacts the secret', async () => {
    const result = await runCli(['config', 'check', '--json'], liveEnvironment());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain(simulator.clientSecret);
    const report = JSON.parse(result.stdout) as {
      mode: string;
      settings: { salesforce: { consumerSecret: string } };
      token: { outcome: string };
    };
    expect(report).toMatchObject({ mode: 'live', token: { outcome: 'ok' } });
    expect(report.settings.salesforce.consumerSecret).toBe('********');
  });

  it('exits 1 with the reason when the token request is refused', async () => {
    const result = await runCli(
      ['config', 'check'],
      liveEnvironment({ SALESFORCE_CONSUMER_SECRET: 'wrong-secret' }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/token: FAILED: .*Check SALESFORCE_CONSUMER_SECRET/);
    expect(result.stdout).not.toContain('wrong-secret');
  });
});

describe('sfgw token refresh', () => {
  it('saves a fresh token that a gateway started afterwards adopts without fetching', async () => {
    const tokenFile = path.join(folder, 'refresh', 'token.json');
    const settings = { TOKEN_CACHE_FILE: tokenFile };
    const result = await runCli(['token', 'refresh'], liveEnvironment(settings));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/expires \d{4}-\d\d-\d\dT/);
    const saved = JSON.parse(await readFile(tokenFile, 'utf8')) as { token: { accessToken: string } };
    expect(result.stdout).not.toContain(saved.token.accessToken);

    const { config } = await loadConfig({ environment: liveEnvironment(settings) });
    const upstream = await startUpstream(config);
    const started = await createGateway(config, { logger: pino({ level: 'silent' }), upstream });
    try {
      expect((await started.tokens.get()).accessToken).toBe(saved.token.accessToken);
      expect(started.tokens.status().fetches).toBe(0);
    } finally {
      await started.close();
    }
  });

  it('refuses in demo mode with exit 2', async () => {
    const result = await runCli(['token', 'refresh'], environment);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('demo mode');
  });
});

function liveEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return cleanEnvironment({
    HOME: folder,
    SALESFORCE_CONSUMER_KEY: simulator.clientId,
    SALESFORCE_CONSUMER_SECRET: simulator.clientSecret,
    SALESFORCE_INSTANCE_URL: simulator.url,
    TOKEN_CACHE_FILE: '',
    ...extra,
  });
}
