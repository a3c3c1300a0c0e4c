import { describe, expect, it, vi } from 'vitest';
import type { OrgSignal, OrgSignals, RoutedOrg } from './org-pool-types.ts';
import { OrgRouter, type OrgRouterOptions } from './org-router.ts';

const nothingTried: ReadonlySet<string> = new Set();

function org(name: string, weight = 1, models: string[] | null = null): RoutedOrg {
  return { name, weight, models: models === null ? null : new Set(models) };
}

function fakeSignals() {
  const published: OrgSignal[] = [];
  let listener: ((signal: OrgSignal) => void) | undefined;
  const signals: OrgSignals = {
    publish: (signal) => published.push(signal),
    onSignal: (given) => {
      listener = given;
    },
    close: async () => {},
  };
  const receive = (signal: OrgSignal) => listener?.(signal);
  return { signals, published, receive };
}

function routerWith(orgs: RoutedOrg[], overrides: Partial<OrgRouterOptions> = {}) {
  const clock = { now: 1_000_000 };
  const router = new OrgRouter({
    orgs,
    defaultCooldownMs: 60_000,
    credentialsCooldownMs: 300_000,
    now: () => clock.now,
    ...overrides,
  });
  return { router, clock };
}

/** Picks `count` times, each call begun and answered before the next. */
function sequentialPicks(router: OrgRouter, model: string, count: number): Array<string | null> {
  const picks: Array<string | null> = [];
  for (let index = 0; index < count; index++) {
    const choice = router.choose(model, nothingTried);
    picks.push(choice.org);
    if (choice.org !== null) {
      router.begin(choice.org);
      router.end(choice.org, 'answered');
    }
  }
  return picks;
}

describe('OrgRouter.choose', () => {
  it('splits sequential requests exactly by weight, interleaved', () => {
    const { router } = routerWith([org('big', 3), org('small', 1)]);
    const picks = sequentialPicks(router, 'gpt', 40);
    expect(picks.filter((pick) => pick === 'big')).toHaveLength(30);
    expect(picks.filter((pick) => pick === 'small')).toHaveLength(10);
    expect(picks.slice(0, 8)).toEqual(['big', 'big', 'small', 'big', 'big', 'big', 'small', 'big']);
  });

  it('prefers the org with the fewest requests in flight per unit of weight', () => {
    const { router } = routerWith([org('a', 2), org('b', 1)]);
    router.begin('a');
    router.begin('a');
    router.begin('a');
    // a: 3 in flight / 2 = 1.5, b: 0 / 1
    expect(router.choose('gpt', nothingTried)).toEqual({ org: 'b' });
    router.begin('b');
    router.begin('b');
    // a: 1.5, b: 2
    expect(router.choose('gpt', nothingTried)).toEqual({ org: 'a' });
  });

  it('skips tried orgs and orgs that do not serve the model', () => {
    const { router } = routerWith([org('a'), org('b', 1, ['claude']), org('c')]);
    expect(router.choose('gpt', new Set(['a']))).toEqual({ org: 'c' });
    expect(router.choose('claude', new Set(['a', 'c']))).toEqual({ org: 'b' });
  });

  it('says unserved when no org lists the model, exhausted when every serving org was tried', () => {
    const { router } = routerWith([
      org('a', 1, ['claude']),
      org('b', 1, ['claude']),
      org('c', 1, ['gemini']),
    ]);
    expect(router.choose('gpt', nothingTried)).toEqual({ org: null, reason: 'unserved' });
    expect(router.choose('claude', new Set(['a', 'b']))).toEqual({ org: null, reason: 'exhausted' });
  });

  it('says which models some org serves, whether or not that org cools down', () => {
    const { router } = routerWith([org('a', 1, ['claude']), org('b', 1, ['gemini'])]);
    router.coolDown('a', 'rate_limit');
    expect(router.servesModel('claude')).toBe(true);
    expect(router.servesModel('gemini')).toBe(true);
    expect(router.servesModel('gpt')).toBe(false);
    expect(routerWith([org('a'), org('b', 1, ['claude'])]).router.servesModel('gpt')).toBe(true);
  });

  it('skips a cooling org until its cooldown ends, by the injected clock', () => {
    const { router, clock } = routerWith([org('a'), org('b')]);
    router.coolDown('a', 'rate_limit', 10_000);
    expect(sequentialPicks(router, 'gpt', 3)).toEqual(['b', 'b', 'b']);
    clock.now += 9_999;
    expect(router.choose('gpt', new Set(['b']))).toEqual({ org: null, reason: 'cooling', retryAfterMs: 1 });
    clock.now += 1;
    expect(router.choose('gpt', new Set(['b']))).toEqual({ org: 'a' });
  });

  it('says cooling with the soonest end when every untried serving org cools down', () => {
    const { router } = routerWith([org('a'), org('b'), org('c')]);
    router.coolDown('a', 'rate_limit', 30_000);
    router.coolDown('b', 'credentials');
    expect(router.choose('gpt', new Set(['c']))).toEqual({
      org: null,
      reason: 'cooling',
      retryAfterMs: 30_000,
    });
    expect(router.choose('gpt', new Set(['a', 'c']))).toEqual({
      org: null,
      reason: 'cooling',
      retryAfterMs: 300_000,
    });
  });
});

describe('OrgRouter cooldowns', () => {
  it('uses the default durations by reason, counts rate limits and tells onCooldown and the fleet', () => {
    const { signals, published } = fakeSignals();
    const onCooldown = vi.fn();
    const { router } = routerWith([org('a'), org('b')], { signals, onCooldown });
    router.coolDown('a', 'rate_limit');
    router.coolDown('b', 'credentials');
    expect(published).toEqual([
      { kind: 'cooldown', org: 'a', reason: 'rate_limit', until: 1_060_000 },
      { kind: 'cooldown', org: 'b', reason: 'credentials', until: 1_300_000 },
    ]);
    expect(onCooldown.mock.calls).toEqual([
      ['a', 'rate_limit'],
      ['b', 'credentials'],
    ]);
    const [a, b] = router.status();
    expect(a?.rateLimited).toBe(1);
    expect(a?.cooldown).toEqual({ reason: 'rate_limit', until: 1_060_000, remainingMs: 60_000 });
    expect(b?.rateLimited).toBe(0);
    expect(b?.cooldown).toEqual({ reason: 'credentials', until: 1_300_000, remainingMs: 300_000 });
  });

  it('lets a signal from another instance extend a cooldown but never shorten it', () => {
    const { signals, receive } = fakeSignals();
    const { router } = routerWith([org('a')], { signals });
    router.coolDown('a', 'rate_limit', 10_000);
    receive({ kind: 'cooldown', org: 'a', reason: 'credentials', until: 1_005_000 });
    expect(router.status()[0]?.cooldown).toEqual({
      reason: 'rate_limit',
      until: 1_010_000,
      remainingMs: 10_000,
    });
    receive({ kind: 'cooldown', org: 'a', reason: 'credentials', until: 1_020_000 });
    expect(router.status()[0]?.cooldown).toEqual({
      reason: 'credentials',
      until: 1_020_000,
      remainingMs: 20_000,
    });
  });

  it('ignores circuit signals and signals about orgs it does not have', () => {
    const { signals, receive } = fakeSignals();
    const { router } = routerWith([org('a')], { signals });
    receive({ kind: 'circuit', org: 'a', surface: 'models', model: 'gpt', until: 2_000_000 });
    receive({ kind: 'cooldown', org: 'elsewhere', reason: 'rate_limit', until: 2_000_000 });
    expect(router.choose('gpt', nothingTried)).toEqual({ org: 'a' });
    expect(router.isCoolingDown('a')).toBe(false);
  });
});

describe('OrgRouter.status', () => {
  it('reports the configured orgs in order with their counters', () => {
    const { router } = routerWith([org('a', 3, ['gpt', 'claude']), org('b')]);
    router.begin('a');
    router.begin('a');
    router.begin('a');
    router.begin('b');
    router.end('a', 'answered');
    router.end('a', 'failed-over');
    router.end('b', 'failed');
    expect(router.status()).toEqual([
      {
        name: 'a',
        weight: 3,
        models: ['gpt', 'claude'],
        inFlight: 1,
        requests: 3,
        failures: 1,
        rateLimited: 0,
        cooldown: null,
      },
      {
        name: 'b',
        weight: 1,
        models: null,
        inFlight: 0,
        requests: 1,
        failures: 1,
        rateLimited: 0,
        cooldown: null,
      },
    ]);
  });
});
