import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load.ts';

const credentials = {
  SALESFORCE_CONSUMER_KEY: 'file-key',
  SALESFORCE_CONSUMER_SECRET: 'file-secret-value',
  SALESFORCE_INSTANCE_URL: 'https://acme.my.salesforce.com/',
};

let directory: string;
let packageRoot: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'sfgw-config-'));
  packageRoot = await mkdtemp(path.join(tmpdir(), 'sfgw-root-'));
});

async function writeJson(folder: string, name: string, value: unknown) {
  const file = path.join(folder, name);
  await writeFile(file, JSON.stringify(value));
  return file;
}

describe('loadConfig', () => {
  it('uses documented defaults and demo mode when nothing is set', async () => {
    const { config, file } = await loadConfig({
      workingDirectory: directory,
      environment: {},
      homeDirectory: '/home/u',
    });
    expect(file).toBeNull();
    expect(config.port).toBe(8000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.demo).toBe(true);
    expect(config.salesforce).toBeNull();
    expect(config.tokenCacheFile).toBe('/home/u/.sfgw/token-cache.json');
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.upstream)).toBe(true);
  });

  it("reads the seed's config.json keys and strips the instance URL's trailing slash", async () => {
    await writeJson(directory, 'config.json', credentials);
    const { config, file } = await loadConfig({ workingDirectory: directory, environment: {} });
    expect(file).toBe(path.join(directory, 'config.json'));
    expect(config.demo).toBe(false);
    expect(config.salesforce).toEqual({
      consumerKey: 'file-key',
      consumerSecret: 'file-secret-value',
      instanceUrl: 'https://acme.my.salesforce.com',
      apiBaseUrl: undefined,
    });
  });

  it('applies precedence defaults < file < environment < flags', async () => {
    await writeJson(directory, 'config.json', {
      ...credentials,
      PORT: 9001,
      HOST: '0.0.0.0',
      LOG_LEVEL: 'debug',
    });
    const { config } = await loadConfig({
      workingDirectory: directory,
      environment: { PORT: '9002', HOST: '127.0.0.2' },
      flags: { PORT: '9003' },
    });
    expect(config.port).toBe(9003);
    expect(config.host).toBe('127.0.0.2');
    expect(config.logLevel).toBe('debug');
  });

  it('finds the file by --config, then SFGW_CONFIG, then the working directory, then the package root', async () => {
    const explicit = await writeJson(directory, 'explicit.json', { PORT: 1 });
    const fromEnvironment = await writeJson(directory, 'env.json', { PORT: 2 });
    await writeJson(directory, 'config.json', { PORT: 3 });
    await writeJson(packageRoot, 'config.json', { PORT: 4 });
    const base = { workingDirectory: directory, packageRoot };
    const environment = { SFGW_CONFIG: fromEnvironment };
    expect((await loadConfig({ ...base, environment, configPath: explicit })).config.port).toBe(1);
    expect((await loadConfig({ ...base, environment })).config.port).toBe(2);
    expect((await loadConfig({ ...base, environment: {} })).config.port).toBe(3);
    expect(
      (await loadConfig({ packageRoot, workingDirectory: packageRoot, environment: {} })).config.port,
    ).toBe(4);
    const emptyDirectory = await mkdtemp(path.join(tmpdir(), 'sfgw-empty-'));
    expect(
      (await loadConfig({ workingDirectory: emptyDirectory, packageRoot, environment: {} })).config.port,
    ).toBe(4);
  });

  it('prefers sfgw.config.json over config.json in the same folder', async () => {
    await writeJson(directory, 'config.json', { PORT: 5 });
    await writeJson(directory, 'sfgw.config.json', { PORT: 6 });
    expect((await loadConfig({ workingDirectory: directory, environment: {} })).config.port).toBe(6);
  });

  it('warns about unknown keys in the file instead of failing', async () => {
    await writeJson(directory, 'config.json', { PORT: 8100, SALESFORCE_CONSUMER_KEYS: 'typo' });
    const { warnings } = await loadConfig({ workingDirectory: directory, environment: {} });
    expect(warnings).toEqual([expect.stringContaining('unknown setting SALESFORCE_CONSUMER_KEYS')]);
  });

  it('parses MODEL_ALIASES from the environment as JSON', async () => {
    const { config } = await loadConfig({
      workingDirectory: directory,
      environment: { MODEL_ALIASES: '{"fast":"sfdc_ai__DefaultGPT4OmniMini"}' },
    });
    expect(config.modelAliases).toEqual({ fast: 'sfdc_ai__DefaultGPT4OmniMini' });
  });

  describe('rejects bad values with one line naming the field and the fix', () => {
    const cases: Array<[string, Record<string, string>, RegExp]> = [
      ['a port that is not a number', { PORT: 'eighty' }, /^PORT .*"eighty".*port/i],
      ['a port out of range', { PORT: '70000' }, /^PORT /],
      [
        'an instance URL that is not a URL',
        { ...credentials, SALESFORCE_INSTANCE_URL: 'acme' },
        /^SALESFORCE_INSTANCE_URL .*https:\/\//,
      ],
      ['an unknown log level', { LOG_LEVEL: 'loud' }, /^LOG_LEVEL /],
      ['aliases that are not JSON', { MODEL_ALIASES: '{nope' }, /^MODEL_ALIASES /],
      [
        'a partial credential set',
        { SALESFORCE_CONSUMER_KEY: 'k' },
        /^SALESFORCE_INSTANCE_URL and SALESFORCE_CONSUMER_SECRET \(or SALESFORCE_PRIVATE_KEY with SALESFORCE_USERNAME\) are missing while SALESFORCE_CONSUMER_KEY is set;.*demo mode/,
      ],
      [
        'a stall timeout not longer than the keep-alive interval',
        { STREAM_KEEPALIVE_MS: '5000', STREAM_STALL_TIMEOUT_MS: '5000' },
        /^STREAM_STALL_TIMEOUT_MS \(5000\) must be longer than STREAM_KEEPALIVE_MS \(5000\).*raise STREAM_STALL_TIMEOUT_MS/,
      ],
    ];
    for (const [name, environment, pattern] of cases) {
      it(name, async () => {
        const failure = loadConfig({ workingDirectory: directory, environment });
        await expect(failure).rejects.toBeInstanceOf(ConfigError);
        const message = await failure.catch((error: Error) => error.message);
        expect(message).toMatch(pattern);
        expect(message).not.toContain('\n');
      });
    }
  });

  it('never echoes the consumer secret in an error', async () => {
    const secret = 'super-secret-value-123';
    const failure = await loadConfig({
      workingDirectory: directory,
      environment: { SALESFORCE_CONSUMER_SECRET: secret, SALESFORCE_CONSUMER_KEY: 'k' },
    }).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).not.toContain(secret);
  });

  it('names the file when it is not valid JSON', async () => {
    const file = path.join(directory, 'config.json');
    await writeFile(file, '{ "PORT": 80,');
    await expect(loadConfig({ workingDirectory: directory, environment: {} })).rejects.toThrow(
      `config file ${file} is not valid JSON`,
    );
  });

  it('fails clearly when --config points nowhere', async () => {
    await expect(
      loadConfig({ workingDirectory: directory, environment: {}, configPath: 'missing.json' }),
    ).rejects.toThrow(/^--config: cannot read .*missing\.json/);
  });

  it('disables the token file when TOKEN_CACHE_FILE is empty', async () => {
    await writeJson(directory, 'config.json', { TOKEN_CACHE_FILE: '' });
    const { config } = await loadConfig({ workingDirectory: directory, environment: {} });
    expect(config.tokenCacheFile).toBeNull();
  });

  it('takes an empty TOKEN_CACHE_FILE or USAGE_DB from the environment as off, where other empty variables mean unset', async () => {
    const { config } = await loadConfig({
      workingDirectory: directory,
      environment: { TOKEN_CACHE_FILE: '', USAGE_DB: '', LOG_LEVEL: '' },
    });
    expect(config.tokenCacheFile).toBeNull();
    expect(config.usageDatabase).toBeNull();
    expect(config.logLevel).toBe('info');
  });

  it('reads the shutdown deadline and the worker count, auto included', async () => {
    const defaults = await loadConfig({ workingDirectory: directory, environment: {} });
    expect(defaults.config.shutdownTimeoutMs).toBe(30_000);
    expect(defaults.config.workers).toBe(1);
    const { config } = await loadConfig({
      workingDirectory: directory,
      environment: { SHUTDOWN_TIMEOUT_MS: '0', WORKERS: 'auto' },
      flags: { WORKERS: '4' },
    });
    expect(config.shutdownTimeoutMs).toBe(0);
    expect(config.workers).toBe(4);
    const auto = await loadConfig({ workingDirectory: directory, environment: { WORKERS: 'auto' } });
    expect(auto.config.workers).toBe('auto');
  });

  it('refuses a worker count that is neither a positive number nor auto', async () => {
    await expect(loadConfig({ workingDirectory: directory, environment: { WORKERS: '0' } })).rejects.toThrow(
      'WORKERS must be a positive whole number or auto (got "0")',
    );
  });
});
