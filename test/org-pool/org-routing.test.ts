import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/simulator.ts';
import { type OrgPoolStack, startOrgPoolStack } from '../support/org-pool-stack.ts';
import { parsePrometheusText } from '../support/parse-prometheus-text.ts';

let stack: OrgPoolStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const model = 'sfdc_ai__DefaultGPT4OmniMini';

async function ask(pool: OrgPoolStack, text = 'Hello') {
  return pool.openai.chat.completions.create({ model, messages: [{ role: 'user', content: text }] });
}

/** The simulators of org-a and org-b, the default pool. */
function defaultOrgs(pool: OrgPoolStack): [Simulator, Simulator] {
  const { 'org-a': first, 'org-b': second } = pool.simulators;
  if (!first || !second) throw new Error('the default pool has org-a and org-b');
  return [first, second];
}

async function health(url: string) {
  return (await (await fetch(`${url}/health`)).json()) as {
    status: string;
    orgs: {
      name: string;
      requests: number;
      rateLimited: number;
      cooldown: { reason: string; remainingSeconds: number } | null;
    }[];
  };
}

describe('a pool of two orgs (SALESFORCE_ORGS)', () => {
  it('spreads sequential requests by weight, one token per org, and shows each org in /health and /metrics', async () => {
    stack = await startOrgPoolStack({
      orgs: [
        { name: 'big', weight: 3 },
        { name: 'small', weight: 1 },
      ],
    });
    const { big, small } = stack.simulators as Record<'big' | 'small', OrgPoolStack['simulators'][string]>;
    for (let index = 0; index < 40; index += 1) await ask(stack);
    expect(big.counters()).toMatchObject({ chatGenerations: 30, tokenRequests: 1 });
    expect(small.counters()).toMatchObject({ chatGenerations: 10, tokenRequests: 1 });
    const shown = await health(stack.url);
    expect(shown.status).toBe('ok');
    expect(shown.orgs.map((org) => [org.name, org.requests, org.cooldown])).toEqual([
      ['big', 30, null],
      ['small', 10, null],
    ]);
    const metrics = parsePrometheusText(await (await fetch(`${stack.url}/metrics`)).text());
    expect(metrics.value('sfgw_org_calls_total', { org: 'big', outcome: 'ok' })).toBe(30);
    expect(metrics.value('sfgw_org_calls_total', { org: 'small', outcome: 'ok' })).toBe(10);
    expect(metrics.value('sfgw_org_token_valid', { org: 'small' })).toBe(1);
  });

  it('sends overlapping requests to the org with fewer in flight', async () => {
    stack = await startOrgPoolStack();
    const [slow, fast] = defaultOrgs(stack);
    slow.setSlowMode(500);
    const pending: Promise<unknown>[] = [];
    for (let index = 0; index < 10; index += 1) {
      pending.push(ask(stack, `q${index}`));
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await Promise.all(pending);
    // each call to the slow org stays in flight for 500 ms, so the fast org, idle again within
    // milliseconds, takes the requests that arrive meanwhile (a round-robin would split them 5:5;
    // on a busy machine a fast call may still be in flight when the next request comes: a tie)
    expect(slow.counters().chatGenerations).toBeLessThanOrEqual(2);
    expect(fast.counters().chatGenerations).toBe(10 - slow.counters().chatGenerations);
  });

  it('one org limited to 5 a minute: all 40 requests answer, that org says 429 once, the other takes the rest', async () => {
    stack = await startOrgPoolStack();
    const [limited, other] = defaultOrgs(stack);
    limited.setRateLimit('chat-generations', { limit: 5, windowMs: 60_000 });
    const statuses: number[] = [];
    for (let index = 0; index < 40; index += 1) {
      const answer = await fetch(`${stack.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model, messages: [{ role: 'user', content: `q${index}` }] }),
      });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual(Array.from({ length: 40 }, () => 200));
    // no Retry-After from Salesforce: the org cools down for ORG_COOLDOWN_SECONDS (60), longer than this test
    expect(limited.counters().rateLimited).toBe(1);
    expect(other.counters().chatGenerations).toBe(40 - 5);
    const shown = await health(stack.url);
    expect(shown.status).toBe('degraded');
    expect(shown.orgs[0]).toMatchObject({
      name: 'org-a',
      rateLimited: 1,
      cooldown: { reason: 'rate_limit' },
    });
    // ORG_COOLDOWN_SECONDS (60), not the 5 s default the gateway tells a client
    expect(shown.orgs[0]?.cooldown?.remainingSeconds).toBeGreaterThan(50);
  });

  it('a burst at a limited org: every request answers, and none is sent to it once its 429s are in', async () => {
    stack = await startOrgPoolStack();
    const [limited] = defaultOrgs(stack);
    limited.setRateLimit('chat-generations', { limit: 5, windowMs: 60_000 });
    const burst = () =>
      Promise.all(Array.from({ length: 10 }, (_, index) => ask(stack as OrgPoolStack, `q${index}`)));
    await burst();
    await burst();
    const limitedAfterTwo = limited.counters().chatGenerations;
    await burst();
    await burst();
    // the 429s of the second burst (all sent before the first came back) start the cooldown
    expect(limited.counters().chatGenerations).toBe(limitedAfterTwo);
    expect(limited.counters().rateLimited).toBe(limitedAfterTwo - 5);
  });

  it('a Retry-After from the org sets its cooldown: after it, the org is tried again', async () => {
    stack = await startOrgPoolStack();
    const [limited, other] = defaultOrgs(stack);
    limited.injectFault({ status: 429, retryAfterSeconds: 1, endpoint: 'chat-generations' });
    for (let index = 0; index < 4; index += 1) await ask(stack);
    expect(limited.counters()).toMatchObject({ faultsServed: 1, chatGenerations: 1 });
    expect(other.counters().chatGenerations).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    for (let index = 0; index < 2; index += 1) await ask(stack);
    expect(limited.counters().chatGenerations).toBeGreaterThan(1);
  });

  it('an org whose credentials are revoked: its requests move to the other org while it refetches, then it is back', async () => {
    stack = await startOrgPoolStack({ settings: { TOKEN_FAILURE_COOLDOWN_SECONDS: '1' } });
    const [revoked, other] = defaultOrgs(stack);
    await ask(stack);
    await ask(stack);
    expect(revoked.counters().chatGenerations).toBe(1);
    revoked.revokeCredentials();
    for (let index = 0; index < 6; index += 1)
      expect((await ask(stack)).choices[0]?.message.content).toBeTruthy();
    // one call with the revoked token, one refetch refused; the cooldown keeps the org out after that
    expect(revoked.counters().tokenRequests).toBe(2);
    expect(revoked.counters().chatGenerations).toBe(2);
    expect(other.counters().chatGenerations).toBe(7);
    const shown = await health(stack.url);
    expect(shown.orgs[0]?.cooldown).toMatchObject({ reason: 'credentials' });
    revoked.restoreCredentials();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    for (let index = 0; index < 4; index += 1) await ask(stack);
    expect(revoked.counters().chatGenerations).toBeGreaterThan(2);
    expect(revoked.counters().tokenRequests).toBe(3);
  });

  it('/readyz is ready while any org can get a token, and names every org when none can', async () => {
    stack = await startOrgPoolStack();
    const [first, second] = defaultOrgs(stack);
    first.revokeCredentials();
    expect((await fetch(`${stack.url}/readyz`)).status).toBe(200);
    second.revokeCredentials();
    const restarted = await stack.startGateway({ TOKEN_CACHE_FILE: '' });
    try {
      const answer = await fetch(`${restarted.url}/readyz`);
      expect(answer.status).toBe(503);
      const { reason } = (await answer.json()) as { reason: string };
      expect(reason).toMatch(/^No org of the pool could get a token \(org-a: .+; org-b: .+\)\.$/);
      expect(reason).not.toContain('org-a-secret');
      // each org's hint names its own entry, not the single-org settings
      expect(reason).toContain('Check consumerSecret of the SALESFORCE_ORGS entry "org-a"');
      expect(reason).toContain('Check consumerSecret of the SALESFORCE_ORGS entry "org-b"');
      expect(reason).not.toContain('SALESFORCE_CONSUMER_SECRET');
    } finally {
      await restarted.close();
    }
  });

  it('GET /v1/models lists only what some org serves; an unserved model answers 404 model_not_served', async () => {
    stack = await startOrgPoolStack({
      orgs: [
        { name: 'org-a', models: ['gpt-4.1'] },
        { name: 'org-b', models: ['sfdc_ai__DefaultGPT4OmniMini'] },
      ],
    });
    const listed = (await stack.openai.models.list()).data.map((entry) => entry.id);
    expect(listed).toContain('gpt-4.1');
    expect(listed).toContain('sfdc_ai__DefaultGPT41');
    expect(listed).toContain(model);
    expect(listed).not.toContain('gpt-4o');
    expect(listed).not.toContain('sfdc_ai__DefaultGPT4Omni');
    const unserved = await stack.openai.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }] })
      .catch((error: unknown) => error as { status: number; code: string });
    expect(unserved).toMatchObject({ status: 404, code: 'model_not_served' });
  });

  it('refuses to start when an org lists a model the gateway does not know', async () => {
    await expect(
      startOrgPoolStack({
        orgs: [{ name: 'org-a', models: ['gpt-4.1', 'no-such-model'] }, { name: 'org-b' }],
      }),
    ).rejects.toThrow('SALESFORCE_ORGS: org "org-a" lists the model "no-such-model"');
  });
});
