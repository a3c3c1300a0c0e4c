import { describe, expect, it, vi } from 'vitest';
import { GatewayError } from '../core/errors.ts';
import { ReadinessCheck } from './readiness-check.ts';

function setup(getToken: () => Promise<unknown>, timeoutMs = 1000) {
  const clock = { now: 0 };
  const spy = vi.fn(getToken);
  const check = new ReadinessCheck({ getToken: spy, timeoutMs, cacheMs: 5000, now: () => clock.now });
  return { check, clock, getToken: spy };
}

describe('ReadinessCheck', () => {
  it('is ready when a token can be had, and reuses that answer for cacheMs', async () => {
    const { check, clock, getToken } = setup(async () => 'token');
    expect(await check.check()).toEqual({ ready: true });
    clock.now += 4999;
    expect(await check.check()).toEqual({ ready: true });
    expect(getToken).toHaveBeenCalledTimes(1);
    clock.now += 1;
    await check.check();
    expect(getToken).toHaveBeenCalledTimes(2);
  });

  it('is not ready with the reason the token request failed, cached like success', async () => {
    const refused = new GatewayError('upstream_error', "Salesforce refused the gateway's credentials.");
    const { check, getToken } = setup(async () => {
      throw refused;
    });
    expect(await check.check()).toEqual({ ready: false, reason: refused.message });
    await check.check();
    expect(getToken).toHaveBeenCalledTimes(1);
  });

  it('never shows the text of an unexpected error', async () => {
    const { check } = setup(async () => {
      throw new Error('secret=abc at /internal/path');
    });
    const readiness = await check.check();
    expect(readiness.ready).toBe(false);
    expect(JSON.stringify(readiness)).not.toContain('secret');
  });

  it('answers "not yet" when the token request is slow, shares it, and caches its late outcome', async () => {
    const token = Promise.withResolvers<string>();
    const { check, getToken } = setup(() => token.promise, 20);
    const [first, second] = await Promise.all([check.check(), check.check()]);
    expect(first).toMatchObject({ ready: false, reason: expect.stringContaining('20 ms') });
    expect(second).toEqual(first);
    expect(getToken).toHaveBeenCalledTimes(1);

    token.resolve('token');
    await vi.waitFor(async () => expect(await check.check()).toEqual({ ready: true }));
    expect(getToken).toHaveBeenCalledTimes(1);
  });
});
