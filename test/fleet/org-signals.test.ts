import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OrgSignal } from '../../src/providers/org-pool/org-pool-types.ts';
import { RedisOrgSignals } from '../../src/transport/redis-org-signals.ts';
import { SharedRedis } from '../../src/transport/shared-redis.ts';
import { captureLog } from '../support/log-capture.ts';
import { startTestRedis, type TestRedis } from '../support/redis-server.ts';
import { sharedRedisUrl } from '../support/shared-redis-url.ts';

const orgNames = ['org-a', 'org-b', 'org-c'];
const failureMessage = 'org signals stay local';

/** One gateway instance's side of the sharing: its connection, its signals and what it heard. */
interface Instance {
  redis: SharedRedis;
  signals: RedisOrgSignals;
  received: OrgSignal[];
  debugLines(): string[];
}

const opened: Instance[] = [];
// a prefix per test, so no test sees another's keys; with glob characters, which must match only themselves
let keyPrefix = '';
beforeEach(() => {
  keyPrefix = `org-signals-test-[${randomUUID()}]*?:`;
});
afterEach(async () => {
  for (const instance of opened.splice(0)) {
    await instance.signals.close();
    await instance.redis.close();
  }
});

function openInstance(url: string, keyPrefix: string, now?: () => number): Instance {
  const log = captureLog();
  const logger = pino({ level: 'debug' }, log.destination);
  const redis = new SharedRedis({ url, keyPrefix, logger });
  const signals = new RedisOrgSignals(redis, { orgNames, logger, now });
  const received: OrgSignal[] = [];
  signals.onSignal((signal) => received.push(signal));
  const debugLines = () =>
    log
      .lines()
      .filter((line) => line.level === 20 && line.msg?.includes(failureMessage))
      .map((line) => String(line.msg));
  const instance = { redis, signals, received, debugLines };
  opened.push(instance);
  return instance;
}

/** Opens an instance and waits until it listens on the channel, beside `alreadyListening` others. */
async function openListening(url: string, keyPrefix: string, alreadyListening: number): Promise<Instance> {
  const instance = openInstance(url, keyPrefix);
  expect(await instance.redis.waitUntilReady(2_000)).toBe(true);
  await waitFor(async () => {
    const [, count] = (await instance.redis.client.pubsub('NUMSUB', `${keyPrefix}org-signals`)) as [
      string,
      number,
    ];
    return count > alreadyListening;
  });
  return instance;
}

// Delivery takes milliseconds; the bound is for a CI machine running every test file at once.
async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function cooldown(org: string, inMs = 60_000): OrgSignal {
  return { kind: 'cooldown', org, reason: 'rate_limit', until: Date.now() + inMs };
}

/** A message or key value as another instance would write it. */
function envelopeOf(signal: unknown): string {
  return JSON.stringify({ sender: randomUUID(), signal });
}

describe('org signals on a shared Redis', () => {
  let server: { url: string; close(): Promise<void> };
  let admin: SharedRedis;
  beforeAll(async () => {
    server = await sharedRedisUrl();
    admin = new SharedRedis({ url: server.url, keyPrefix: '', logger: pino({ level: 'silent' }) });
    await admin.waitUntilReady(2_000);
  });
  afterAll(async () => {
    await admin?.close();
    await server?.close();
  });

  it('delivers a cooldown to the other instance and not back to its sender', async () => {
    const first = await openListening(server.url, keyPrefix, 0);
    const second = await openListening(server.url, keyPrefix, 1);
    const fromFirst = cooldown('org-a');
    first.signals.publish(fromFirst);
    await waitFor(() => second.received.length === 1);
    expect(second.received).toEqual([fromFirst]);
    // the channel keeps its order: once the second's answer arrives, the first's own has come by
    const fromSecond = cooldown('org-b');
    second.signals.publish(fromSecond);
    await waitFor(() => first.received.length > 0);
    expect(first.received).toEqual([fromSecond]);
  });

  it('carries a circuit opening with its surface and model, under a key that expires with it', async () => {
    const first = await openListening(server.url, keyPrefix, 0);
    const second = await openListening(server.url, keyPrefix, 1);
    const model = 'vendor/model:1 *?[x]';
    const opening: OrgSignal = {
      kind: 'circuit',
      org: 'org-b',
      surface: 'native',
      model,
      until: Date.now() + 5_000,
    };
    first.signals.publish(opening);
    await waitFor(() => second.received.length === 1);
    expect(second.received).toEqual([opening]);
    const key = `${keyPrefix}org-signal:circuit:org-b:native:${encodeURIComponent(model)}`;
    const lifetimeMs = await admin.client.pttl(key);
    expect(lifetimeMs).toBeGreaterThan(4_000);
    expect(lifetimeMs).toBeLessThanOrEqual(5_000);
  });

  it('tells an instance started later the signals still in force', async () => {
    const first = await openListening(server.url, keyPrefix, 0);
    const cooling = cooldown('org-a');
    const opening: OrgSignal = {
      kind: 'circuit',
      org: 'org-c',
      surface: 'models',
      model: 'gpt-4o',
      until: Date.now() + 60_000,
    };
    first.signals.publish(cooling);
    first.signals.publish(opening);
    await waitFor(
      async () => (await admin.client.exists(`${keyPrefix}org-signal:circuit:org-c:models:gpt-4o`)) === 1,
    );

    const later = openInstance(server.url, keyPrefix);
    await waitFor(() => later.received.length === 2);
    expect(later.received).toEqual(expect.arrayContaining([cooling, opening]));
    expect(first.received).toEqual([]);
  });

  it('keeps the later of two windows for an org under its key, as the instances listening do', async () => {
    const first = await openListening(server.url, keyPrefix, 0);
    const second = await openListening(server.url, keyPrefix, 1);
    const key = `${keyPrefix}org-signal:cooldown:org-a`;
    const long = cooldown('org-a', 60_000);
    first.signals.publish(long);
    await waitFor(() => second.received.length === 1);
    // another instance hears a short Retry-After from the same org afterwards
    const short = cooldown('org-a', 5_000);
    second.signals.publish(short);
    await waitFor(() => first.received.length === 1);
    expect(await admin.client.pttl(key)).toBeGreaterThan(55_000);

    const later = openInstance(server.url, keyPrefix);
    await waitFor(() => later.received.length > 0);
    expect(later.received).toEqual([long]);

    // a window that ends later than the one kept replaces it
    const longer = cooldown('org-a', 120_000);
    first.signals.publish(longer);
    await waitFor(() => later.received.length === 2);
    expect(await admin.client.pttl(key)).toBeGreaterThan(115_000);
    expect(JSON.parse((await admin.client.get(key)) ?? 'null').signal).toEqual(longer);
  });

  it('does not tell a later instance what has run out', async () => {
    const first = await openListening(server.url, keyPrefix, 0);
    // gone from Redis by the time the later instance starts
    first.signals.publish(cooldown('org-a', 150));
    // already over: not even written
    first.signals.publish(cooldown('org-b', -1_000));
    // over, though its key lives on (another instance's clock ahead, or a hand-written key)
    const over = { kind: 'circuit', org: 'org-b', surface: 'models', model: 'm', until: Date.now() - 1 };
    await admin.client.set(`${keyPrefix}org-signal:circuit:org-b:models:m`, envelopeOf(over), 'PX', 60_000);
    const live = cooldown('org-c');
    first.signals.publish(live);
    await waitFor(async () => (await admin.client.exists(`${keyPrefix}org-signal:cooldown:org-c`)) === 1);
    expect(await admin.client.exists(`${keyPrefix}org-signal:cooldown:org-b`)).toBe(0);
    await waitFor(async () => (await admin.client.exists(`${keyPrefix}org-signal:cooldown:org-a`)) === 0);

    const later = openInstance(server.url, keyPrefix);
    await waitFor(() => later.received.length > 0);
    // one catch-up delivers every key it reads at once: nothing else is still on its way
    expect(later.received).toEqual([live]);
    // Redis refuses a SET that has already expired: the sender did not even try one
    expect(first.debugLines()).toEqual([]);
  });

  it('ignores malformed messages on the channel', async () => {
    const listener = await openListening(server.url, keyPrefix, 0);
    const channel = `${keyPrefix}org-signals`;
    const valid = cooldown('org-a');
    const malformed = [
      'not json',
      // JSON.parse reads this as Infinity
      `{"sender":"${randomUUID()}","signal":{"kind":"cooldown","org":"org-a","reason":"rate_limit","until":1e999}}`,
      '[]',
      JSON.stringify({ signal: valid }),
      JSON.stringify({ sender: randomUUID() }),
      envelopeOf({ ...valid, kind: 'pause' }),
      envelopeOf({ ...valid, reason: 'boredom' }),
      envelopeOf({ ...valid, until: String(valid.until) }),
      envelopeOf({ ...valid, until: Number.POSITIVE_INFINITY }),
      envelopeOf({ kind: 'circuit', org: 'org-a', surface: 'elsewhere', model: 'm', until: valid.until }),
      envelopeOf({ kind: 'circuit', org: 'org-a', surface: 'models', model: 7, until: valid.until }),
      envelopeOf({ kind: 'circuit', org: 'org-a', surface: 'models', until: valid.until }),
    ];
    for (const message of malformed) await admin.client.publish(channel, message);
    // the well-formed one, written the same way, comes through: the others failed on their defect
    await admin.client.publish(channel, envelopeOf({ ...valid, extra: 'dropped' }));
    await waitFor(() => listener.received.length > 0);
    expect(listener.received).toEqual([valid]);
  });

  it('ignores a signal for an org it does not route to', async () => {
    const listener = await openListening(server.url, keyPrefix, 0);
    const channel = `${keyPrefix}org-signals`;
    await admin.client.publish(channel, envelopeOf(cooldown('org-elsewhere')));
    const known = cooldown('org-b');
    await admin.client.publish(channel, envelopeOf(known));
    await waitFor(() => listener.received.length > 0);
    expect(listener.received).toEqual([known]);
  });
});

describe('org signals when Redis fails', () => {
  let redis: TestRedis;
  let admin: SharedRedis;
  // users of their own, so a test can refuse or cut one instance's commands and not the others'
  const urlAs = (user: string) => redis.url.replace('redis://', `redis://${user}:secret@`);
  beforeAll(async () => {
    redis = await startTestRedis();
    admin = new SharedRedis({ url: redis.url, keyPrefix: '', logger: pino({ level: 'silent' }) });
    await admin.waitUntilReady(2_000);
    await admin.client.acl('SETUSER', 'no-writes', 'on', '>secret', '~*', '&*', '+@all', '-set');
    await admin.client.acl('SETUSER', 'cut-off', 'on', '>secret', '~*', '&*', '+@all');
  });
  afterAll(async () => {
    await admin?.close();
    await redis?.stop();
  });

  it('catches up after a reconnect on what was published while it was away', async () => {
    const publisher = await openListening(redis.url, keyPrefix, 0);
    const away = await openListening(urlAs('cut-off'), keyPrefix, 1);
    await admin.client.client('KILL', 'USER', 'cut-off');
    // its first reconnect waits 200 ms: this signal is published while it is gone
    const missed = cooldown('org-a');
    publisher.signals.publish(missed);
    await waitFor(() => away.received.length > 0);
    expect(away.received).toEqual([missed]);
  });

  it('catches up when its command connection comes back after the listening one', async () => {
    const publisher = await openListening(redis.url, keyPrefix, 0);
    const away = await openListening(urlAs('cut-off'), keyPrefix, 1);
    away.redis.client.disconnect(false);
    await waitFor(() => !away.redis.available);
    // now only the listening connection is left to cut; it comes back on its own
    await admin.client.client('KILL', 'USER', 'cut-off');
    const missed = cooldown('org-b');
    publisher.signals.publish(missed);
    await waitFor(async () => (await admin.client.exists(`${keyPrefix}org-signal:cooldown:org-b`)) === 1);
    await waitFor(async () => {
      const [, count] = (await admin.client.pubsub('NUMSUB', `${keyPrefix}org-signals`)) as [string, number];
      return count === 2;
    });
    expect(away.received).toEqual([]);
    await away.redis.client.connect();
    await waitFor(() => away.received.length > 0);
    expect(away.received).toEqual([missed]);
  });

  it('logs a failing publish once per outage, not once per signal', async () => {
    const refused = await openListening(urlAs('no-writes'), keyPrefix, 0);
    const listener = await openListening(redis.url, keyPrefix, 1);
    for (const org of orgNames) refused.signals.publish(cooldown(org));
    // PUBLISH is allowed: once all three arrive, every refused SET before them has been answered
    await waitFor(() => listener.received.length === 3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(refused.debugLines()).toHaveLength(1);

    await admin.client.client('KILL', 'USER', 'no-writes');
    await waitFor(() => !refused.redis.available);
    await waitFor(() => refused.redis.available);
    refused.signals.publish(cooldown('org-a'));
    await waitFor(() => refused.debugLines().length === 2);
  });

  it('never throws while Redis is down, and does not try', async () => {
    const instance = await openListening(redis.url, keyPrefix, 0);
    await redis.stop();
    // before and after the connection notices
    expect(() => instance.signals.publish(cooldown('org-a'))).not.toThrow();
    await waitFor(() => !instance.redis.available);
    expect(() => instance.signals.publish(cooldown('org-b'))).not.toThrow();

    const startedDown = openInstance(redis.url, keyPrefix);
    expect(() => startedDown.signals.publish(cooldown('org-c'))).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(startedDown.debugLines()).toEqual([]);
  });
});
