import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnvironment, type RunningCli, runCli, startCli } from './support/spawn-cli.ts';

let running: RunningCli | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('sfgw serve', () => {
  it('exits 2 with a one-line, secret-free explanation on a bad config', async () => {
    const secret = 'sk-live-consumer-secret-0000';
    const result = await runCli(
      ['serve'],
      cleanEnvironment({
        SALESFORCE_CONSUMER_KEY: '3MVG9fakeKey',
        SALESFORCE_CONSUMER_SECRET: secret,
        SALESFORCE_INSTANCE_URL: 'not a url',
      }),
    );
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^sfgw: configuration error: SALESFORCE_INSTANCE_URL must be an http\(s\) URL/);
    expect(result.stderr + result.stdout).not.toContain(secret);
  });

  it('exits 2 with one line when a setting only the gateway can check names an unknown model', async () => {
    const secret = 'org-b-consumer-secret-0000';
    const orgs = [
      {
        name: 'a',
        consumerKey: 'k1',
        consumerSecret: 's1',
        instanceUrl: 'https://a.example.com',
        models: ['zzz'],
      },
      { name: 'b', consumerKey: 'k2', consumerSecret: secret, instanceUrl: 'https://b.example.com' },
    ];
    const result = await runCli(
      ['serve', '--port', '0'],
      cleanEnvironment({ SALESFORCE_ORGS: JSON.stringify(orgs), TOKEN_CACHE_FILE: '', USAGE_DB: '' }),
    );
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      'sfgw: configuration error: SALESFORCE_ORGS: org "a" lists the model "zzz", which is neither a model name the gateway serves (GET /v1/models) nor a Salesforce API name; correct it or remove it from "models".',
    ]);
    expect(result.stderr + result.stdout).not.toContain(secret);
  });

  it('exits 2 when a flag is out of range', async () => {
    const result = await runCli(['serve', '--port', '99999'], cleanEnvironment({}));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/PORT must be a whole number from 0 to 65535/);
  });

  it('runs in demo mode without credentials: a banner, /health says demo, and the OpenAI SDK works', async () => {
    running = startCli(['serve', '--port', '0'], cleanEnvironment({ LOG_LEVEL: 'info' }));
    const line = await running.waitForLine(/sf-models-gateway listening/);
    const url = (JSON.parse(line) as { url: string }).url;
    expect(running.output().stderr).toContain('DEMO MODE');
    const health = (await (await fetch(`${url}/health`)).json()) as { mode: string; status: string };
    expect(health).toMatchObject({ mode: 'demo', status: 'ok' });
    const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'anything', maxRetries: 0 });
    const answer = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hello demo' }],
    });
    expect(answer.choices[0]?.message.content).toContain('hello demo');
    expect(await running.stop()).toBe(0);
  });
});

describe('sfgw simulator', () => {
  it('starts standalone and prints the settings that point a gateway at it', async () => {
    running = startCli(['simulator', '--port', '0'], cleanEnvironment({}));
    const line = await running.waitForLine(/SALESFORCE_INSTANCE_URL=/);
    const url = line.split('=')[1]?.trim() ?? '';
    const response = await fetch(`${url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=sim-consumer-key&client_secret=sim-consumer-secret',
    });
    expect(response.status).toBe(200);
    expect(await running.stop()).toBe(0);
  });
});
