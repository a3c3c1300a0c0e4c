import { describe, expect, it } from 'vitest';
import { GatewayError } from '../core/errors.ts';
import { makeToken, setup } from './token-cache.fixtures.ts';

const credentialError = () =>
  new GatewayError('authentication', 'Salesforce rejected the client credentials.', {
    code: 'upstream_auth_failed',
  });

describe('TokenCache: the credential circuit breaker', () => {
  it('fails fast after repeated credential failures and recovers after the cooldown', async () => {
    let accept = false;
    const { cache, clock, fetchToken, breaker } = setup(async () => {
      if (!accept) throw credentialError();
      return makeToken('recovered', clock.now);
    });

    await expect(cache.get()).rejects.toMatchObject({ kind: 'authentication' });
    await expect(cache.get()).rejects.toMatchObject({ kind: 'authentication' });
    expect(breaker.state).toBe('open');

    const fastFailure = await cache.get().catch((error: unknown) => error);
    expect(fastFailure).toBeInstanceOf(GatewayError);
    expect(fastFailure).toMatchObject({ kind: 'authentication', code: 'upstream_auth_failed' });
    expect(fetchToken).toHaveBeenCalledTimes(2);
    expect(cache.status().breaker).toMatchObject({ state: 'open', consecutiveFailures: 2 });

    accept = true;
    clock.now += 30_000;
    expect((await cache.get()).accessToken).toBe('recovered');
    expect(fetchToken).toHaveBeenCalledTimes(3);
    expect(breaker.state).toBe('closed');
  });

  it('does not trip the breaker on transient failures', async () => {
    const { cache, fetchToken, breaker } = setup(async () => {
      throw new GatewayError('upstream_unavailable', 'token endpoint 503', { status: 503 });
    });
    for (let attempt = 0; attempt < 4; attempt++) {
      await expect(cache.get()).rejects.toThrow('token endpoint 503');
    }
    expect(fetchToken).toHaveBeenCalledTimes(4);
    expect(breaker.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
  });

  it('counts a 400 from the token endpoint as a credential failure', async () => {
    const { cache, breaker } = setup(async () => {
      throw new GatewayError('upstream_error', 'invalid_grant', { status: 400 });
    });
    await expect(cache.get()).rejects.toThrow('invalid_grant');
    expect(breaker.snapshot().consecutiveFailures).toBe(1);
  });
});
