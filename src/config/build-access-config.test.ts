import { describe, expect, it } from 'vitest';
import { isLoopbackHost, parseOrigins } from './build-access-config.ts';
import { ConfigError, loadConfig } from './load.ts';

const longKey = 'k-0123456789abcdef-first';
const otherKey = 'k-0123456789abcdef-second';

function load(environment: Record<string, string>) {
  return loadConfig({ environment, workingDirectory: '/nonexistent-sfgw-dir' });
}

describe('API keys and access settings', () => {
  it('gives every key the per-key default limits unless it sets its own', async () => {
    const { config } = await load({
      API_KEYS: JSON.stringify({
        n8n: longKey,
        batch: { key: otherKey, requestsPerMinute: 5, tokensPerDay: 1000, requestsPerDay: 0 },
      }),
      KEY_MAX_CONCURRENT: '3',
      KEY_TOKENS_PER_MONTH: '50000',
      KEY_REQUESTS_PER_DAY: '200',
    });
    const budgets = { tokensPerDay: 0, tokensPerMonth: 50_000, requestsPerDay: 200 };
    expect(config.access.apiKeys).toEqual([
      { name: 'n8n', key: longKey, requestsPerMinute: 600, maxConcurrent: 3, ...budgets, admin: false },
      {
        name: 'batch',
        key: otherKey,
        requestsPerMinute: 5,
        maxConcurrent: 3,
        ...budgets,
        tokensPerDay: 1000,
        requestsPerDay: 0,
        admin: false,
      },
    ]);
  });

  it('makes a key an admin of the console only when its entry says "admin": true', async () => {
    const { config } = await load({
      API_KEYS: JSON.stringify({ ops: { key: longKey, admin: true }, n8n: { key: otherKey, admin: false } }),
    });
    expect(config.access.apiKeys.map((apiKey) => [apiKey.name, apiKey.admin])).toEqual([
      ['ops', true],
      ['n8n', false],
    ]);
    const error = await load({ API_KEYS: JSON.stringify({ ops: { key: longKey, admin: 'yes' } }) }).catch(
      (caught) => caught,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).not.toContain(longKey);
  });

  it('bounds the console settings and keeps bodies only when told', async () => {
    const { config } = await load({});
    expect(config.console).toEqual({ captureBodies: false, recentRequests: 500, bodyMaxBytes: 16_384 });
    const capturing = await load({ CONSOLE_CAPTURE_BODIES: 'true', CONSOLE_RECENT_REQUESTS: '10' });
    expect(capturing.config.console).toMatchObject({ captureBodies: true, recentRequests: 10 });
    await expect(load({ CONSOLE_RECENT_REQUESTS: '9' })).rejects.toThrow(
      /CONSOLE_RECENT_REQUESTS.*10 to 10000/,
    );
    await expect(load({ CONSOLE_RECENT_REQUESTS: '10001' })).rejects.toThrow(/10 to 10000/);
    await expect(load({ CONSOLE_BODY_MAX_BYTES: '2097152' })).rejects.toThrow(
      /CONSOLE_BODY_MAX_BYTES.*256 to 1048576/,
    );
    await expect(load({ CONSOLE_BODY_MAX_BYTES: '100' })).rejects.toThrow(/256 to 1048576/);
  });

  it('refuses a short key without echoing it', async () => {
    const error = await load({ API_KEYS: '{"n8n":"short-secret"}' }).catch((caught) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/^API_KEYS .*at least 16 characters/);
    expect(error.message).not.toContain('short-secret');
  });

  it.each([
    ['surrounding spaces', ` ${longKey} `, /starts or ends with a space/],
    ['a trailing tab', `${longKey}\t`, /control character/],
    ['a line break', `${longKey}\nx`, /control character/],
    ['an accented letter', `${longKey}é`, /outside printable ASCII/],
  ])('refuses at start a key with %s, naming the client and never the key', async (_label, key, reason) => {
    for (const entry of [key, { key }]) {
      const error = await load({ API_KEYS: JSON.stringify({ n8n: entry }) }).catch((caught) => caught);
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toMatch(/^API_KEYS is invalid: the key of "n8n" /);
      expect(error.message).toMatch(reason);
      expect(error.message).not.toContain(longKey);
    }
  });

  it('accepts a key with a space inside it, which a header carries intact', async () => {
    const { config } = await load({ API_KEYS: JSON.stringify({ n8n: 'correct horse battery staple' }) });
    expect(config.access.apiKeys[0]?.key).toBe('correct horse battery staple');
  });

  it('refuses a client name that cannot label a metric, and one key given to two clients', async () => {
    await expect(load({ API_KEYS: JSON.stringify({ 'bad name': longKey }) })).rejects.toThrow(
      /client name must be 1-64 letters/,
    );
    const error = await load({ API_KEYS: JSON.stringify({ a: longKey, b: longKey }) }).catch(
      (caught) => caught,
    );
    expect(error.message).toBe('API_KEYS gives a and b the same key; give every client its own key.');
  });

  it('refuses to listen beyond loopback without keys, naming the three ways out', async () => {
    const error = await load({ HOST: '0.0.0.0' }).catch((caught) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(
      'HOST 0.0.0.0 accepts connections from other machines but API_KEYS is empty',
    );
    expect(error.message).toContain('--insecure-no-auth');
    await expect(load({ HOST: '0.0.0.0', INSECURE_NO_AUTH: 'true' })).resolves.toBeDefined();
    await expect(
      load({ HOST: '0.0.0.0', API_KEYS: JSON.stringify({ n8n: longKey }) }),
    ).resolves.toBeDefined();
    await expect(load({ HOST: 'localhost' })).resolves.toBeDefined();
  });

  it('throttles failed authentication by default, and trusts no proxy unless told', async () => {
    const { config } = await load({});
    expect(config.access.failedAuthentication).toEqual({ limit: 20, windowMs: 60_000 });
    expect(config.access.trustedProxies).toEqual([]);
    const proxied = await load({ TRUST_PROXY: '10.0.0.0/8, ::1, loopback', AUTH_FAILURE_LIMIT: '0' });
    expect(proxied.config.access.trustedProxies).toEqual(['10.0.0.0/8', '::1', 'loopback']);
    expect(proxied.config.access.failedAuthentication.limit).toBe(0);
  });

  it.each(['proxy.internal', '10.0.0.0/33', '10.0.0.1/8/2', '*'])(
    'refuses TRUST_PROXY=%s, naming the forms it takes',
    async (value) => {
      await expect(load({ TRUST_PROXY: value })).rejects.toThrow(
        /^TRUST_PROXY must be a comma-separated list of IP addresses, CIDR ranges/,
      );
    },
  );

  it('refuses ALLOWED_HOSTS entries that are not host names, and lower-cases the rest', async () => {
    await expect(load({ ALLOWED_HOSTS: 'https://gateway.example' })).rejects.toThrow(
      /^ALLOWED_HOSTS must be a comma-separated list of host names/,
    );
    const { config } = await load({ ALLOWED_HOSTS: 'Gateway.Internal, .corp.example' });
    expect(config.access.allowedHosts).toEqual(['gateway.internal', '.corp.example']);
  });

  it('refuses a headers timeout longer than the request timeout', async () => {
    await expect(load({ REQUEST_TIMEOUT_MS: '1000', HEADERS_TIMEOUT_MS: '2000' })).rejects.toThrow(
      /HEADERS_TIMEOUT_MS \(2000\) must not exceed REQUEST_TIMEOUT_MS \(1000\)/,
    );
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.5', false],
    ['gateway.internal', false],
    ['127.0.0.1.example.com', false],
  ])('%s -> %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('parseOrigins', () => {
  it('splits, trims and drops trailing slashes; empty means none', () => {
    expect(parseOrigins(' https://a.example/ , http://localhost:3000,')).toEqual([
      'https://a.example',
      'http://localhost:3000',
    ]);
    expect(parseOrigins('')).toEqual([]);
  });
});
