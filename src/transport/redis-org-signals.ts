// Org cooldowns and circuit openings shared across a fleet through Redis. Each signal is both
// published (the instances listening now act on it at once) and kept under a key that expires
// with it (an instance that starts or reconnects later reads the keys and honours what is still
// in force). Sharing is best effort: publishing never throws, does nothing while Redis is away,
// and logs a failure once per outage; what comes out of Redis is validated, never trusted.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type {
  CircuitSurface,
  CooldownReason,
  OrgSignal,
  OrgSignals,
} from '../providers/org-pool/org-pool-types.ts';
import type { SharedRedis } from './shared-redis.ts';

/** Which orgs signals may name, where failures are logged, and the clock `until` is read against. */
export interface RedisOrgSignalsOptions {
  /** Signals for any other org are dropped. */
  orgNames: readonly string[];
  logger: Logger;
  now?: () => number;
}

/** What is published on the channel and kept under a signal's key. */
interface SignalEnvelope {
  /** The instance that sent it: an instance skips its own signals. */
  sender: string;
  signal: OrgSignal;
}

const channelName = 'org-signals';
const keyNamespace = 'org-signal:';
// There is one key per cooling org and per open breaker: a few dozen at most. The cap only keeps
// a catch-up bounded if something else has filled the namespace.
const mostCatchUpKeys = 1_000;
const scanBatchSize = 500;
// Receivers keep the later of two windows; the key does too, so an instance that starts later is not
// told a shorter cooldown (or breaker opening) than the fleet already honours. PTTL is -2 for no key.
const keepLaterScript = `
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;
const cooldownReasons: readonly CooldownReason[] = ['rate_limit', 'credentials'];
const circuitSurfaces: readonly CircuitSurface[] = ['models', 'native'];

/**
 * Org signals shared through Redis: commands go over the gateway's connection, and a second,
 * dedicated connection (Redis takes no other commands on a subscribed one) listens on the channel.
 * Sharing starts on construction: register listeners right away (in the same tick) so that they
 * also receive the signals still in force, which are delivered once the subscription is up.
 */
export class RedisOrgSignals implements OrgSignals {
  readonly #redis: SharedRedis;
  readonly #subscriber: Redis;
  readonly #orgNames: ReadonlySet<string>;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #sender = randomUUID();
  readonly #channel: string;
  readonly #listeners: ((signal: OrgSignal) => void)[] = [];
  // the command connection may come back after the listening one: the catch-up waited for it
  readonly #onRedisReady = () => {
    this.#failureLogged = false;
    if (this.#subscribed) void this.#catchUp();
  };
  #subscribed = false;
  #failureLogged = false;
  #closed = false;

  constructor(redis: SharedRedis, options: RedisOrgSignalsOptions) {
    this.#redis = redis;
    this.#orgNames = new Set(options.orgNames);
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
    this.#channel = redis.key(channelName);
    // ioredis would resubscribe by itself; doing it here, on every ready, lets the catch-up follow
    this.#subscriber = redis.client.duplicate({ autoResubscribe: false });
    this.#subscriber.on('ready', () => void this.#subscribe());
    this.#subscriber.on('close', () => {
      this.#subscribed = false;
    });
    // the gateway's own connection reports the outage; this one would only repeat it
    this.#subscriber.on('error', () => undefined);
    this.#subscriber.on('message', (_channel: string, message: string) => this.#receive(message));
    redis.client.on('ready', this.#onRedisReady);
  }

  /** Fire and forget: the request path never waits on Redis. */
  publish(signal: OrgSignal): void {
    const lifetimeMs = Math.ceil(signal.until - this.#now());
    if (this.#closed || !this.#redis.available || lifetimeMs <= 0) return;
    const envelope = JSON.stringify({ sender: this.#sender, signal } satisfies SignalEnvelope);
    const { client } = this.#redis;
    Promise.all([
      client.eval(keepLaterScript, 1, this.#redis.key(keyNameOf(signal)), envelope, lifetimeMs),
      client.publish(this.#channel, envelope),
    ]).catch((error: unknown) => this.#logFailure('publishing an org signal', error));
  }

  onSignal(listener: (signal: OrgSignal) => void): void {
    this.#listeners.push(listener);
  }

  /** Stops listening and closes the dedicated connection; the gateway's own stays open. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#redis.client.off('ready', this.#onRedisReady);
    if (this.#subscribed) await this.#subscriber.unsubscribe(this.#channel).catch(() => undefined);
    this.#subscriber.disconnect(false);
  }

  async #subscribe(): Promise<void> {
    try {
      await this.#subscriber.subscribe(this.#channel);
      this.#subscribed = true;
    } catch (error) {
      this.#logFailure('subscribing to org signals', error);
      return;
    }
    // only now: a signal published during the catch-up arrives on the channel
    if (this.#redis.available) await this.#catchUp();
  }

  /** Delivers the signals other instances keep in Redis that are still in force. */
  async #catchUp(): Promise<void> {
    try {
      const keys = await this.#scanSignalKeys();
      if (keys.length === 0) return;
      const envelopes = await this.#redis.client.mget(keys);
      for (const envelope of envelopes) if (envelope !== null) this.#receive(envelope);
    } catch (error) {
      this.#logFailure('reading the org signals in force', error);
    }
  }

  async #scanSignalKeys(): Promise<string[]> {
    const pattern = `${escapeGlob(this.#redis.keyPrefix)}${keyNamespace}*`;
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await this.#redis.client.scan(cursor, 'MATCH', pattern, 'COUNT', scanBatchSize);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0' && keys.length < mostCatchUpKeys);
    return keys.slice(0, mostCatchUpKeys);
  }

  #receive(text: string): void {
    const envelope = decodeEnvelope(text, this.#orgNames);
    if (this.#closed || envelope === null || envelope.sender === this.#sender) return;
    if (envelope.signal.until <= this.#now()) return;
    for (const listener of this.#listeners) {
      try {
        listener(envelope.signal);
      } catch (error) {
        this.#logger.error({ err: error }, 'an org signal listener failed');
      }
    }
  }

  #logFailure(action: string, error: unknown): void {
    if (this.#failureLogged) return;
    this.#failureLogged = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.#logger.debug({ reason }, `Redis: ${action} failed; org signals stay local until it answers`);
  }
}

/** One key per org's cooldown, and per org × surface × model for a breaker; names are encoded. */
function keyNameOf(signal: OrgSignal): string {
  const org = encodeURIComponent(signal.org);
  if (signal.kind === 'cooldown') return `${keyNamespace}cooldown:${org}`;
  return `${keyNamespace}circuit:${org}:${signal.surface}:${encodeURIComponent(signal.model)}`;
}

/** SCAN's MATCH reads glob characters; a prefix must match only itself. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/** The envelope in a message or key, rebuilt field by field; null for anything else. */
function decodeEnvelope(text: string, orgNames: ReadonlySet<string>): SignalEnvelope | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value) || typeof value.sender !== 'string') return null;
  const signal = decodeSignal(value.signal, orgNames);
  return signal === null ? null : { sender: value.sender, signal };
}

function decodeSignal(value: unknown, orgNames: ReadonlySet<string>): OrgSignal | null {
  if (!isRecord(value)) return null;
  const { kind, org, until } = value;
  if (typeof org !== 'string' || !orgNames.has(org)) return null;
  if (typeof until !== 'number' || !Number.isFinite(until)) return null;
  if (kind === 'cooldown') {
    const reason = cooldownReasons.find((known) => known === value.reason);
    return reason === undefined ? null : { kind, org, reason, until };
  }
  if (kind === 'circuit') {
    const surface = circuitSurfaces.find((known) => known === value.surface);
    const { model } = value;
    if (surface === undefined || typeof model !== 'string' || model === '') return null;
    return { kind, org, surface, model, until };
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
