import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnvironment, type RunningCli, runCli, startCli } from './support/spawn-cli.ts';

let running: RunningCli | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('sfgw serve beyond loopback', () => {
  it('refuses to start on 0.0.0.0 without API keys, exit 2, saying how to fix it', async () => {
    const result = await runCli(['serve', '--host', '0.0.0.0', '--port', '0'], cleanEnvironment({}));
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(
      /^sfgw: configuration error: HOST 0\.0\.0\.0 accepts connections from other machines but API_KEYS is empty; set API_KEYS .*--insecure-no-auth/,
    );
  });

  it('starts with --insecure-no-auth and warns loudly that the door is open', async () => {
    running = startCli(
      ['serve', '--host', '0.0.0.0', '--port', '0', '--insecure-no-auth'],
      cleanEnvironment({ LOG_LEVEL: 'info' }),
    );
    const warning = await running.waitForLine(/NO AUTHENTICATION/);
    expect(JSON.parse(warning)).toMatchObject({ level: 40, host: '0.0.0.0' });
    await running.waitForLine(/sf-models-gateway listening/);
  });

  it('starts on 0.0.0.0 with API keys, without the warning', async () => {
    running = startCli(
      ['serve', '--host', '0.0.0.0', '--port', '0'],
      cleanEnvironment({ LOG_LEVEL: 'info', API_KEYS: '{"ops":"sk-ops-0123456789abcdef"}' }),
    );
    const listening = await running.waitForLine(/sf-models-gateway listening/);
    expect(JSON.parse(listening).apiKeys).toEqual(['ops']);
    expect(running.output().stdout).not.toContain('NO AUTHENTICATION');
    expect(running.output().stdout).not.toContain('sk-ops-0123456789abcdef');
  });
});
