import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load.ts';

const noFile = { workingDirectory: '/nonexistent-sfgw-folder' };

describe('native surface settings', () => {
  it('default to the Models API, a base from the token and ten minutes of memory', async () => {
    const { config } = await loadConfig({ ...noFile, environment: {} });
    expect(config.native).toEqual({ upstreamApi: 'models', apiBaseUrl: undefined, routeMemoryMs: 600_000 });
  });

  it('read the surface, the base URL without its trailing slash and the memory in seconds', async () => {
    const { config } = await loadConfig({
      ...noFile,
      environment: {
        UPSTREAM_API: 'auto',
        SALESFORCE_NATIVE_API_BASE_URL: 'https://api.example.test/ai/gpt/v1/',
        NATIVE_ROUTE_MEMORY_SECONDS: '30',
      },
    });
    expect(config.native).toEqual({
      upstreamApi: 'auto',
      apiBaseUrl: 'https://api.example.test/ai/gpt/v1',
      routeMemoryMs: 30_000,
    });
  });

  it('refuse an unknown surface, naming the choices', async () => {
    const failure = loadConfig({ ...noFile, environment: { UPSTREAM_API: 'bedrock' } });
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(/^UPSTREAM_API must be one of models, native, auto/);
  });
});
