import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { redactConfig } from '../cli/redact-config.ts';
import { ConfigError, loadConfig } from './load.ts';

const secret = 'eu-consumer-secret-never-shown';
const europe = {
  name: 'eu',
  consumerKey: 'eu-key',
  consumerSecret: secret,
  instanceUrl: 'https://eu.my.salesforce.com/',
};
const america = {
  name: 'us',
  consumerKey: 'us-key',
  consumerSecret: 'us-consumer-secret',
  instanceUrl: 'https://us.my.salesforce.com',
  apiBaseUrl: 'https://api.salesforce.com/einstein/platform/v1/',
  nativeApiBaseUrl: 'http://127.0.0.1:8787/ai/gpt/v1',
  weight: 0.5,
  models: ['gpt-4.1', 'sfdc_ai__DefaultGPT41'],
};

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'sfgw-org-pool-'));
});

function loadFromEnvironment(environment: Record<string, string>) {
  return loadConfig({ workingDirectory: directory, environment });
}

function loadOrgs(orgs: unknown) {
  return loadFromEnvironment({ SALESFORCE_ORGS: JSON.stringify(orgs) });
}

async function refusal(load: Promise<unknown>): Promise<string> {
  const error = await load.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).message;
}

describe('SALESFORCE_ORGS', () => {
  it('reads orgs from the environment as JSON, with weight 1 and every model by default', async () => {
    const { config } = await loadOrgs([europe, america]);
    expect(config.orgs).toEqual([
      {
        name: 'eu',
        consumerKey: 'eu-key',
        consumerSecret: secret,
        instanceUrl: 'https://eu.my.salesforce.com',
        apiBaseUrl: undefined,
        nativeApiBaseUrl: undefined,
        weight: 1,
        models: null,
      },
      {
        name: 'us',
        consumerKey: 'us-key',
        consumerSecret: 'us-consumer-secret',
        instanceUrl: 'https://us.my.salesforce.com',
        apiBaseUrl: 'https://api.salesforce.com/einstein/platform/v1',
        nativeApiBaseUrl: 'http://127.0.0.1:8787/ai/gpt/v1',
        weight: 0.5,
        models: ['gpt-4.1', 'sfdc_ai__DefaultGPT41'],
      },
    ]);
    expect(Object.isFrozen(config.orgs?.[1]?.models)).toBe(true);
  });

  it('reads orgs from the config file as a list', async () => {
    await writeFile(path.join(directory, 'config.json'), JSON.stringify({ SALESFORCE_ORGS: [america] }));
    const { config } = await loadConfig({ workingDirectory: directory, environment: {} });
    expect(config.orgs?.map((org) => [org.name, org.weight, org.apiBaseUrl])).toEqual([
      ['us', 0.5, 'https://api.salesforce.com/einstein/platform/v1'],
    ]);
  });

  it('makes the first org the single-org credentials and leaves demo mode off', async () => {
    const { config } = await loadOrgs([america, europe]);
    expect(config.salesforce).toEqual({
      consumerKey: 'us-key',
      consumerSecret: 'us-consumer-secret',
      instanceUrl: 'https://us.my.salesforce.com',
      apiBaseUrl: 'https://api.salesforce.com/einstein/platform/v1',
    });
    expect(config.demo).toBe(false);
  });

  it('still runs in demo mode when SFGW_DEMO asks for it', async () => {
    const { config } = await loadFromEnvironment({
      SALESFORCE_ORGS: JSON.stringify([europe]),
      SFGW_DEMO: 'true',
    });
    expect(config.demo).toBe(true);
  });

  it('leaves orgs null and the single org as before without it', async () => {
    const { config } = await loadFromEnvironment({
      SALESFORCE_CONSUMER_KEY: 'single-key',
      SALESFORCE_CONSUMER_SECRET: 'single-secret',
      SALESFORCE_INSTANCE_URL: 'https://single.my.salesforce.com/',
    });
    expect(config.orgs).toBeNull();
    expect(config.salesforce?.instanceUrl).toBe('https://single.my.salesforce.com');
    expect(config.demo).toBe(false);
  });

  it.each([
    ['SALESFORCE_CONSUMER_KEY', 'single-key'],
    ['SALESFORCE_CONSUMER_SECRET', 'single-secret'],
    ['SALESFORCE_INSTANCE_URL', 'https://single.my.salesforce.com'],
    ['SALESFORCE_API_BASE_URL', 'https://api.salesforce.com/einstein/platform/v1'],
  ])('refuses SALESFORCE_ORGS beside %s', async (name, value) => {
    const message = await refusal(
      loadFromEnvironment({ SALESFORCE_ORGS: JSON.stringify([europe]), [name]: value }),
    );
    expect(message).toBe(
      `SALESFORCE_ORGS and ${name} are both set; use one or the other: SALESFORCE_ORGS for several orgs, or the SALESFORCE_* credentials for one.`,
    );
  });

  it.each([
    ['an empty list', []],
    ['an object', { eu: europe }],
    ['text that is not JSON', 'eu'],
  ])('refuses %s, showing the expected shape', async (_, value) => {
    const message = await refusal(
      loadFromEnvironment({ SALESFORCE_ORGS: typeof value === 'string' ? value : JSON.stringify(value) }),
    );
    expect(message).toMatch(
      /^SALESFORCE_ORGS must be a non-empty JSON array of orgs, e\.g\. \[\{"name":"eu"/,
    );
  });

  it("names the org and the field of a bad entry, with the setting's description, but never a value", async () => {
    const message = await refusal(loadOrgs([america, { ...europe, consumerSecret: [secret] }]));
    expect(message).toBe(
      'SALESFORCE_ORGS[1] ("eu") consumerSecret must be a non-empty string; Several orgs instead of the SALESFORCE_* credentials: a JSON array of {"name","consumerKey","consumerSecret","instanceUrl"} (or "username" with "privateKey" or "privateKeyFile", and optionally "jwtAudience", for the JWT bearer flow) with optional "apiBaseUrl", "nativeApiBaseUrl", "weight" (share of the traffic, default 1) and "models" (the names it serves, default all).',
    );
    expect(message).not.toContain(secret);
  });

  it('shows every org in sfgw config with its consumer secret redacted and its consumer key visible', async () => {
    const { config } = await loadOrgs([europe, america]);
    const printed = JSON.stringify(redactConfig(config));
    expect(printed).not.toContain(secret);
    expect(printed).not.toContain('us-consumer-secret');
    expect(redactConfig(config).orgs).toEqual([
      expect.objectContaining({ name: 'eu', consumerKey: 'eu-key', consumerSecret: '********' }),
      expect.objectContaining({ name: 'us', consumerKey: 'us-key', consumerSecret: '********' }),
    ]);
  });
});

describe('ORG_COOLDOWN_SECONDS', () => {
  it('defaults to 60 seconds and is kept in milliseconds', async () => {
    expect((await loadFromEnvironment({})).config.orgCooldownMs).toBe(60_000);
    expect((await loadFromEnvironment({ ORG_COOLDOWN_SECONDS: '5' })).config.orgCooldownMs).toBe(5_000);
  });

  it('refuses 0', async () => {
    expect(await refusal(loadFromEnvironment({ ORG_COOLDOWN_SECONDS: '0' }))).toMatch(
      /^ORG_COOLDOWN_SECONDS must be a positive whole number \(got "0"\)/,
    );
  });
});

describe('MODEL_FALLBACKS', () => {
  it('defaults to none and reads JSON from the environment and an object from the file', async () => {
    expect((await loadFromEnvironment({})).config.modelFallbacks).toEqual({});
    const fromEnvironment = await loadFromEnvironment({
      MODEL_FALLBACKS: '{"claude-4-sonnet":["gpt-4.1","gpt-4o"]}',
    });
    expect(fromEnvironment.config.modelFallbacks).toEqual({ 'claude-4-sonnet': ['gpt-4.1', 'gpt-4o'] });
    await writeFile(
      path.join(directory, 'config.json'),
      JSON.stringify({ MODEL_FALLBACKS: { 'gpt-4.1': ['claude-4-sonnet'] } }),
    );
    const fromFile = await loadConfig({ workingDirectory: directory, environment: {} });
    expect(fromFile.config.modelFallbacks).toEqual({ 'gpt-4.1': ['claude-4-sonnet'] });
  });

  it.each([
    ['a list', '["gpt-4.1"]', 'must be a JSON object of public model name'],
    [
      'a name mapped to text',
      '{"claude-4-sonnet":"gpt-4.1"}',
      '"claude-4-sonnet" must map to a non-empty array of model names',
    ],
    [
      'an empty list',
      '{"claude-4-sonnet":[]}',
      '"claude-4-sonnet" must map to a non-empty array of model names',
    ],
    [
      'an empty name in a list',
      '{"claude-4-sonnet":[""]}',
      '"claude-4-sonnet" must map to a non-empty array of model names',
    ],
    ['an empty model name', '{"":["gpt-4.1"]}', '"" is an empty model name'],
    [
      'a name listing itself',
      '{"gpt-4.1":["gpt-4o","gpt-4.1"]}',
      '"gpt-4.1" lists itself; a model cannot be its own fallback',
    ],
    [
      'a name listed twice',
      '{"gpt-4.1":["gpt-4o","o3","gpt-4o"]}',
      '"gpt-4.1" lists "gpt-4o" twice; name each fallback once',
    ],
  ])('refuses %s, naming the entry', async (_, value, expected) => {
    const message = await refusal(loadFromEnvironment({ MODEL_FALLBACKS: value }));
    expect(message).toMatch(
      /^MODEL_FALLBACKS must be a JSON object of public model name -> the public names tried after it, in order/,
    );
    expect(message).toContain(expected);
  });
});

describe('REQUEST_DEADLINE_MS', () => {
  it('defaults to ten minutes, and 0 turns it off', async () => {
    expect((await loadFromEnvironment({})).config.requestDeadlineMs).toBe(600_000);
    expect((await loadFromEnvironment({ REQUEST_DEADLINE_MS: '0' })).config.requestDeadlineMs).toBe(0);
    expect((await loadFromEnvironment({ REQUEST_DEADLINE_MS: '90000' })).config.requestDeadlineMs).toBe(
      90_000,
    );
  });

  it('refuses a negative deadline', async () => {
    expect(await refusal(loadFromEnvironment({ REQUEST_DEADLINE_MS: '-1' }))).toMatch(
      /^REQUEST_DEADLINE_MS must be a whole number, 0 or more \(got "-1"\)/,
    );
  });
});
