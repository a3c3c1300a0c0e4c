import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/simulator/simulator.ts';
import { type LiveGateway, startLiveGateway } from './support/live-gateway.ts';

// The JWT bearer flow end to end: the gateway signs an assertion with the app's private key, the
// simulated org checks it against the certificate's public key, and the official SDKs get answers.

const appKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privateKeyPem = appKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const publicKeyPem = appKeys.publicKey.export({ type: 'spki', format: 'pem' }) as string;
const username = 'integration@acme.example';

let keyFile = '';
beforeAll(async () => {
  const folder = await mkdtemp(path.join(tmpdir(), 'sfgw-jwt-'));
  keyFile = path.join(folder, 'server.key');
  await writeFile(keyFile, privateKeyPem, { mode: 0o600 });
});

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const closable of opened.splice(0).reverse()) await closable.close();
});

async function startOrg(name: string): Promise<Simulator> {
  const simulator = await startSimulator({
    port: 0,
    clientId: `${name}-key`,
    clientSecret: `${name}-secret`,
    jwtBearer: { publicKeyPem, username },
  });
  opened.push(simulator);
  return simulator;
}

async function startGateway(settings: Record<string, string>): Promise<LiveGateway> {
  const gateway = await startLiveGateway(settings, {}, async () => undefined);
  opened.push(gateway);
  return gateway;
}

const jwtSettings = (simulator: Simulator, changes: Record<string, string> = {}) => ({
  SALESFORCE_CONSUMER_KEY: simulator.clientId,
  SALESFORCE_INSTANCE_URL: simulator.url,
  SALESFORCE_USERNAME: username,
  SALESFORCE_PRIVATE_KEY_FILE: keyFile,
  ...changes,
});

describe('the JWT bearer flow', () => {
  it('gets one token for many requests with a signed assertion and never sends a client secret', async () => {
    const org = await startOrg('acme');
    const gateway = await startGateway(jwtSettings(org));
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        gateway.openai.chat.completions.create({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: `question ${index}` }],
        }),
      ),
    );
    for (const [index, answer] of answers.entries()) {
      expect(answer.choices[0]?.message.content).toContain(`question ${index}`);
    }
    expect(org.counters().tokenRequests).toBe(1);
    const [tokenRequest] = org.requests('token');
    expect(tokenRequest?.body).toMatchObject({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer' });
    expect(Object.keys(tokenRequest?.body as object).sort()).toEqual(['assertion', 'grant_type']);

    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'test-key', maxRetries: 0 });
    const message = await anthropic.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'hello over JWT bearer' }],
    });
    expect(message.content[0]).toMatchObject({ type: 'text' });
  });

  it('takes the key from SALESFORCE_PRIVATE_KEY with its line breaks written as \\n', async () => {
    const org = await startOrg('acme');
    const gateway = await startGateway(
      jwtSettings(org, {
        SALESFORCE_PRIVATE_KEY: privateKeyPem.replaceAll('\n', '\\n'),
        SALESFORCE_PRIVATE_KEY_FILE: '',
      }),
    );
    const answer = await gateway.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'from the environment' }],
    });
    expect(answer.choices[0]?.message.content).toContain('from the environment');
  });

  it('tells a refused user apart, with the fix, in the caller protocol and on /readyz', async () => {
    const org = await startOrg('acme');
    const gateway = await startGateway(
      jwtSettings(org, { SALESFORCE_USERNAME: 'not-approved@acme.example' }),
    );
    const failure = await gateway.openai.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 502 });
    const message = String((failure as Error).message);
    expect(message).toContain("user hasn't approved this consumer");
    expect(message).toContain('SALESFORCE_USERNAME');
    expect(message).not.toContain('BEGIN');
    const readiness = await fetch(`${gateway.url}/readyz`);
    expect(readiness.status).toBe(503);
    expect(await readiness.text()).toContain('SALESFORCE_USERNAME');
  });

  it('serves a pool where one org signs assertions and the other sends its secret', async () => {
    const [signing, secret] = [await startOrg('signing'), await startOrg('secret')];
    const orgs = [
      {
        name: 'signing',
        consumerKey: signing.clientId,
        instanceUrl: signing.url,
        username,
        privateKeyFile: keyFile,
      },
      {
        name: 'secret',
        consumerKey: secret.clientId,
        consumerSecret: secret.clientSecret,
        instanceUrl: secret.url,
      },
    ];
    const gateway = await startGateway({ SALESFORCE_ORGS: JSON.stringify(orgs) });
    for (let index = 0; index < 10; index += 1) {
      await gateway.openai.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: `pooled ${index}` }],
      });
    }
    expect(signing.counters().chatGenerations).toBe(5);
    expect(secret.counters().chatGenerations).toBe(5);
    expect(signing.requests('token')[0]?.body).toMatchObject({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    });
    expect(secret.requests('token')[0]?.body).toMatchObject({ grant_type: 'client_credentials' });
  });
});
