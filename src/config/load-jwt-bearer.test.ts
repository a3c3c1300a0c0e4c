import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { redactConfig } from '../cli/redact-config.ts';
import { ConfigError, loadConfig } from './load.ts';

const privateKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
}) as string;
const app = {
  SALESFORCE_CONSUMER_KEY: 'app-key',
  SALESFORCE_INSTANCE_URL: 'https://acme--uat.sandbox.my.salesforce.com',
};

let directory = '';
let keyFile = '';
beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'sfgw-jwt-config-'));
  keyFile = path.join(directory, 'server.key');
  await writeFile(keyFile, privateKeyPem);
});

const load = (environment: Record<string, string>) =>
  loadConfig({ workingDirectory: directory, environment });
const failureOf = (environment: Record<string, string>) => load(environment).catch((error: Error) => error);

describe('loading the JWT bearer flow', () => {
  it('reads the single org from the environment, with the sandbox login server by default', async () => {
    const { config } = await load({
      ...app,
      SALESFORCE_USERNAME: 'gw@acme.com',
      SALESFORCE_PRIVATE_KEY_FILE: keyFile,
    });
    expect(config.demo).toBe(false);
    expect(config.salesforce).toEqual({
      consumerKey: 'app-key',
      instanceUrl: 'https://acme--uat.sandbox.my.salesforce.com',
      apiBaseUrl: undefined,
      jwtBearer: { username: 'gw@acme.com', privateKeyPem, audience: 'https://test.salesforce.com' },
    });
  });

  it('reads a pool org that signs beside one that sends its secret, from the config file', async () => {
    const orgs = [
      {
        name: 'signing',
        consumerKey: 'k1',
        instanceUrl: 'https://a.my.salesforce.com',
        username: 'gw@a.com',
        privateKeyFile: keyFile,
        jwtAudience: 'https://a.my.site.com',
      },
      { name: 'secret', consumerKey: 'k2', consumerSecret: 's2', instanceUrl: 'https://b.my.salesforce.com' },
    ];
    await writeFile(path.join(directory, 'config.json'), JSON.stringify({ SALESFORCE_ORGS: orgs }));
    const { config } = await load({});
    expect(config.orgs?.[0]?.jwtBearer).toEqual({
      username: 'gw@a.com',
      privateKeyPem,
      audience: 'https://a.my.site.com',
    });
    expect(config.orgs?.[1]?.consumerSecret).toBe('s2');
    // the first org stands for the pool where one org is meant (the token command, demo detection)
    expect(config.salesforce?.jwtBearer?.username).toBe('gw@a.com');
  });

  it.each([
    [
      'a secret and a key',
      { ...app, SALESFORCE_CONSUMER_SECRET: 'secret-value', SALESFORCE_PRIVATE_KEY: privateKeyPem },
      /^SALESFORCE_CONSUMER_SECRET and SALESFORCE_PRIVATE_KEY are both set; use one flow/,
    ],
    [
      'a key without its user',
      { ...app, SALESFORCE_PRIVATE_KEY: privateKeyPem },
      /^The JWT bearer flow needs SALESFORCE_USERNAME/,
    ],
    [
      'a key that is not one',
      {
        ...app,
        SALESFORCE_USERNAME: 'gw@acme.com',
        SALESFORCE_PRIVATE_KEY: `${privateKeyPem.slice(0, 300)}`,
      },
      /^SALESFORCE_PRIVATE_KEY is not an unencrypted private key in PEM form/,
    ],
    [
      'a pool beside the single-org user',
      {
        SALESFORCE_ORGS:
          '[{"name":"a","consumerKey":"k","consumerSecret":"s","instanceUrl":"https://a.my.salesforce.com"}]',
        SALESFORCE_USERNAME: 'gw@acme.com',
      },
      /^SALESFORCE_ORGS and SALESFORCE_USERNAME are both set/,
    ],
  ])('refuses %s in one line, never showing the key', async (_case, environment, message) => {
    const failure = await failureOf(environment);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toMatch(message);
    expect((failure as Error).message).not.toContain('\n');
    expect((failure as Error).message).not.toContain(privateKeyPem.slice(40, 120));
  });

  it('prints the private key as asterisks in sfgw config, and the user and audience as they are', async () => {
    const { config } = await load({
      ...app,
      SALESFORCE_USERNAME: 'gw@acme.com',
      SALESFORCE_PRIVATE_KEY: privateKeyPem,
    });
    const printed = JSON.stringify(redactConfig(config));
    expect(printed).not.toContain(privateKeyPem.slice(40, 120));
    expect(redactConfig(config).salesforce).toMatchObject({
      jwtBearer: {
        username: 'gw@acme.com',
        privateKeyPem: '********',
        audience: 'https://test.salesforce.com',
      },
    });
  });
});
