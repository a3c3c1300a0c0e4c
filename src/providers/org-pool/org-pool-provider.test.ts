import { describe, expect, it, vi } from 'vitest';
import { GatewayError } from '../../core/errors.ts';
import { generationRequest, testContext, textRequest } from '../../core/provider.fixtures.ts';
import { GenerationOrigins } from './generation-origins.ts';
import { equalRouter, fakeOrgProvider, loggingContext, poolMembers } from './org-pool.fixtures.ts';
import { OrgPoolProvider } from './org-pool-provider.ts';
import { OrgRouter } from './org-router.ts';

function answerText(result: { content: Array<{ type: string; text?: string }> }): string | undefined {
  return result.content[0]?.text;
}

describe('OrgPoolProvider failover', () => {
  it('cools a rate-limited org down for its Retry-After and answers from the next org at once', async () => {
    const clock = { now: 1_000_000 };
    const router = equalRouter(['a', 'b'], clock);
    const rateLimited = new GatewayError('rate_limit', 'slow down', { retryAfterSeconds: 20 });
    const a = fakeOrgProvider('a', { replies: [rateLimited] });
    const b = fakeOrgProvider('b', { replies: ['hello'] });
    const onFailover = vi.fn();
    const pool = new OrgPoolProvider(poolMembers({ a, b }), router, { onFailover });
    const { context, lines } = loggingContext();
    expect(answerText(await pool.chat(textRequest('hi'), context))).toBe('b: hello');
    expect(onFailover).toHaveBeenCalledWith('a', rateLimited);
    expect(lines).toEqual([
      {
        level: 30,
        org: 'a',
        kind: 'rate_limit',
        status: 429,
        msg: 'org pool: moving the request to the next org',
      },
    ]);
    const [statusA, statusB] = router.status();
    expect(statusA).toMatchObject({ requests: 1, failures: 1, rateLimited: 1, inFlight: 0 });
    expect(statusA?.cooldown).toEqual({ reason: 'rate_limit', until: 1_020_000, remainingMs: 20_000 });
    expect(statusB).toMatchObject({ requests: 1, failures: 0, inFlight: 0, cooldown: null });
  });

  it('cools an org whose credentials were refused down for the credentials cooldown', async () => {
    const router = equalRouter(['a', 'b']);
    const refused = new GatewayError('upstream_error', 'token refused', { code: 'upstream_auth_failed' });
    const a = fakeOrgProvider('a', { replies: [refused] });
    const b = fakeOrgProvider('b', { replies: ['hello'] });
    const pool = new OrgPoolProvider(poolMembers({ a, b }), router);
    expect(answerText(await pool.generate(generationRequest('hi'), testContext))).toBe('b: hello');
    expect(router.status()[0]?.cooldown).toEqual({
      reason: 'credentials',
      until: 1_300_000,
      remainingMs: 300_000,
    });
  });

  it('moves on without a cooldown when an org lacks the model, and for embeddings too', async () => {
    const router = equalRouter(['a', 'b']);
    const missing = new GatewayError('not_found', 'no such model', { code: 'model_not_found' });
    const a = fakeOrgProvider('a', { replies: [missing] });
    const b = fakeOrgProvider('b', { replies: ['vectors'] });
    const pool = new OrgPoolProvider(poolMembers({ a, b }), router);
    const result = await pool.embed({ model: 'gpt', input: ['x'] }, testContext);
    expect(result.vectors).toEqual([[1, 2]]);
    expect(b.record.calls).toEqual(['embed']);
    expect(router.isCoolingDown('a')).toBe(false);
  });

  it('does not fail a wrong request over: the error goes to the client from the first org', async () => {
    const router = equalRouter(['a', 'b']);
    const invalid = new GatewayError('invalid_request', 'bad request');
    const a = fakeOrgProvider('a', { replies: [invalid] });
    const b = fakeOrgProvider('b', { replies: ['hello'] });
    const pool = new OrgPoolProvider(poolMembers({ a, b }), router);
    await expect(pool.chat(textRequest('hi'), testContext)).rejects.toBe(invalid);
    expect(b.record.calls).toEqual([]);
    expect(router.status()[0]).toMatchObject({ requests: 1, failures: 1, inFlight: 0, cooldown: null });
  });

  it('stops at once when the call was aborted', async () => {
    const router = equalRouter(['a', 'b']);
    const timeout = new GatewayError('upstream_timeout', 'the request deadline passed');
    const a = fakeOrgProvider('a', { replies: [timeout] });
    const b = fakeOrgProvider('b', { replies: ['hello'] });
    const pool = new OrgPoolProvider(poolMembers({ a, b }), router);
    const context = { ...testContext, signal: AbortSignal.abort() };
    await expect(pool.chat(textRequest('hi'), context)).rejects.toBe(timeout);
    expect(b.record.calls).toEqual([]);
  });

  it('rethrows the last org error when every org failed', async () => {
    const router = equalRouter(['a', 'b']);
    const a = fakeOrgProvider('a', { replies: [new GatewayError('upstream_error', 'broke')] });
    const lastError = new GatewayError('upstream_timeout', 'too slow');
    const b = fakeOrgProvider('b', { replies: [lastError] });
    const pool = new OrgPoolProvider(poolMembers({ a, b }), router);
    await expect(pool.chat(textRequest('hi'), testContext)).rejects.toBe(lastError);
  });
});

describe('OrgPoolProvider with no org left', () => {
  it('answers 429 orgs_cooling_down with the soonest cooldown end when every org cools down', async () => {
    const router = equalRouter(['a', 'b']);
    router.coolDown('a', 'rate_limit', 12_500);
    router.coolDown('b', 'credentials');
    const a = fakeOrgProvider('a');
    const pool = new OrgPoolProvider(poolMembers({ a, b: fakeOrgProvider('b') }), router);
    const failure = pool.chat(textRequest('hi', { model: 'gpt' }), testContext);
    await expect(failure).rejects.toMatchObject({
      kind: 'rate_limit',
      status: 429,
      code: 'orgs_cooling_down',
      retryAfterSeconds: 13,
      message:
        'Every org that serves the model "gpt" is cooling down after a rate limit or refused credentials. Retry in 13 s.',
    });
    expect(a.record.calls).toEqual([]);
  });

  it("gives the last org's 429 the Retry-After of the soonest cooldown end", async () => {
    const router = equalRouter(['a', 'b']);
    router.coolDown('a', 'rate_limit', 30_000);
    const rateLimited = new GatewayError('rate_limit', 'slow down', { retryAfterSeconds: 90, code: 'limit' });
    const b = fakeOrgProvider('b', { replies: [rateLimited] });
    const pool = new OrgPoolProvider(poolMembers({ a: fakeOrgProvider('a'), b }), router);
    await expect(pool.chat(textRequest('hi'), testContext)).rejects.toMatchObject({
      kind: 'rate_limit',
      status: 429,
      code: 'limit',
      message: 'slow down',
      retryAfterSeconds: 30,
    });
  });

  it('answers 404 model_not_served when no org lists the model', async () => {
    const router = new OrgRouter({
      orgs: [
        { name: 'a', weight: 1, models: new Set(['claude']) },
        { name: 'b', weight: 1, models: new Set(['claude']) },
      ],
      defaultCooldownMs: 60_000,
      credentialsCooldownMs: 300_000,
    });
    const pool = new OrgPoolProvider(
      poolMembers({ a: fakeOrgProvider('a'), b: fakeOrgProvider('b') }),
      router,
    );
    await expect(pool.chat(textRequest('hi', { model: 'gpt' }), testContext)).rejects.toMatchObject({
      kind: 'not_found',
      status: 404,
      code: 'model_not_served',
      param: 'model',
      message:
        'No org of the pool serves the model "gpt": none in SALESFORCE_ORGS lists it in its "models". Add it to an org\'s "models", or drop "models" to let that org serve every model.',
    });
  });
});

describe('OrgPoolProvider as a provider', () => {
  it("takes name, capabilities and models from the first org and offers only the first org's optional methods", () => {
    const a = fakeOrgProvider('a');
    const pool = new OrgPoolProvider(poolMembers({ a }), equalRouter(['a']));
    expect(pool.name).toBe('salesforce');
    expect(pool.capabilities).toBe(a.provider.capabilities);
    expect(pool.listModels().map((model) => model.id)).toEqual(['gpt']);
    expect(pool.streamChat).toBeUndefined();
    expect(pool.streamGenerate).toBeUndefined();
    expect(pool.submitFeedback).toBeUndefined();
  });

  it('sends feedback to the first org that is not cooling down', async () => {
    const router = equalRouter(['a', 'b']);
    router.coolDown('a', 'rate_limit');
    const a = fakeOrgProvider('a', { feedback: true });
    const b = fakeOrgProvider('b', { feedback: true });
    const pool = new OrgPoolProvider(poolMembers({ a, b }), router);
    const feedback = { id: 'f-1', generationId: 'g-1', feedback: 'GOOD' };
    expect(await pool.submitFeedback?.(feedback, testContext)).toEqual({ message: 'b took it' });
    expect(a.record.calls).toEqual([]);
  });

  it('sends feedback on a generation back to the org that made it, cooling down or not', async () => {
    const router = equalRouter(['a', 'b']);
    const a = fakeOrgProvider('a', { feedback: true, generationIds: true, replies: ['one'] });
    const b = fakeOrgProvider('b', { feedback: true, generationIds: true, replies: ['two'] });
    const pool = new OrgPoolProvider(poolMembers({ a, b }), router);
    const first = await pool.chat(textRequest('hi'), testContext);
    const second = await pool.chat(textRequest('hi'), testContext);
    expect([first.generationId, second.generationId]).toEqual(['a-gen-1', 'b-gen-1']);
    router.coolDown('b', 'rate_limit');
    const feedbackOn = (generationId: string) => ({
      id: `f-${generationId}`,
      generationId,
      feedback: 'GOOD',
    });
    expect(await pool.submitFeedback?.(feedbackOn('b-gen-1'), testContext)).toEqual({ message: 'b took it' });
    expect(await pool.submitFeedback?.(feedbackOn('a-gen-1'), testContext)).toEqual({ message: 'a took it' });
    expect(b.record.calls).toEqual(['chat', 'feedback']);
  });

  it("remembers generations across a pool's surfaces when they share their origins", async () => {
    const generationOrigins = new GenerationOrigins();
    const clock = { now: 1_000_000 };
    const router = equalRouter(['a', 'b'], clock);
    // a cools down while the native answer is made, so b makes it; a is back for the feedback
    router.coolDown('a', 'rate_limit', 20_000);
    const nativeB = fakeOrgProvider('b', { generationIds: true, replies: ['native'] });
    const native = new OrgPoolProvider(poolMembers({ a: fakeOrgProvider('a'), b: nativeB }), router, {
      generationOrigins,
    });
    const modelsA = fakeOrgProvider('a', { feedback: true });
    const modelsB = fakeOrgProvider('b', { feedback: true });
    const models = new OrgPoolProvider(poolMembers({ a: modelsA, b: modelsB }), router, {
      generationOrigins,
    });
    const answer = await native.chat(textRequest('hi'), testContext);
    clock.now += 30_000;
    expect(router.isCoolingDown('a')).toBe(false);
    const generationId = answer.generationId ?? '';
    expect(await models.submitFeedback?.({ id: 'f-1', generationId }, testContext)).toEqual({
      message: 'b took it',
    });
  });

  it("closes every org's provider", async () => {
    const a = fakeOrgProvider('a');
    const b = fakeOrgProvider('b');
    const pool = new OrgPoolProvider(poolMembers({ a, b }), equalRouter(['a', 'b']));
    await pool.close();
    expect([a.record.closed, b.record.closed]).toEqual([true, true]);
  });
});
