import { randomUUID } from 'node:crypto';
import {
  matchesUsageFilter,
  type UsageFilter,
  type UsageRecord,
  type UsageRow,
  utcDayOf,
} from './usage-record.ts';
import { UsageTotals } from './usage-totals.ts';

// One batch of rows, applied whole or not at all. Its id is marked first, so that a batch sent
// again (its answer was lost after Redis had applied it) is skipped: nothing is counted twice.
// KEYS: the batch's mark, then for each row its hash and its day's set of rows;
// ARGV: the mark's lifetime, then for each row its member and its seven values.
const addBatchScript = `
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then return 0 end
local value = 2
for index = 2, #KEYS, 2 do
  local hash = KEYS[index]
  redis.call('SADD', KEYS[index + 1], ARGV[value])
  if ARGV[value + 1] ~= '' then redis.call('HSET', hash, 'upstream_model', ARGV[value + 1]) end
  redis.call('HINCRBY', hash, 'requests', ARGV[value + 2])
  redis.call('HINCRBY', hash, 'errors', ARGV[value + 3])
  redis.call('HINCRBY', hash, 'input_tokens', ARGV[value + 4])
  redis.call('HINCRBY', hash, 'output_tokens', ARGV[value + 5])
  redis.call('HINCRBY', hash, 'estimated', ARGV[value + 6])
  value = value + 7
end
return 1`;
// Long past any retry: a batch is resent within seconds of Redis coming back.
const batchMarkSeconds = 7 * 86_400;
const dayMs = 86_400_000;

/** What the shared totals need of the gateway's Redis connection (transport's SharedRedis). */
export interface UsageRedis {
  /** True while commands can be sent. */
  readonly available: boolean;
  /** The full, prefixed key for a name. */
  key(name: string): string;
  readonly client: {
    eval(script: string, keyCount: number, ...keysAndValues: (string | number)[]): Promise<unknown>;
    pipeline(commands: string[][]): { exec(): Promise<[error: Error | null, result: unknown][] | null> };
  };
}

interface Batch {
  id: string;
  rows: UsageRow[];
}

/**
 * The usage totals of a whole fleet, in Redis: one hash per key × model × day, incremented by
 * each instance's batches. While Redis is away the rows wait here and are sent once it is back.
 */
export class SharedUsageTotals {
  readonly #redis: UsageRedis;
  readonly #onFailure: (error: unknown) => void;
  readonly #waiting = new UsageTotals();
  #batch: Batch | null = null;
  #sending: Promise<void> | null = null;

  constructor(redis: UsageRedis, onFailure: (error: unknown) => void) {
    this.#redis = redis;
    this.#onFailure = onFailure;
  }

  /** True while Redis answers. */
  get available(): boolean {
    return this.#redis.available;
  }

  /** Counts one request in the next batch. */
  addRecord(record: UsageRecord): void {
    this.#waiting.addRecord(record);
  }

  /** Sends what waits as one batch; a batch that failed is sent again first, under the same id. */
  push(): Promise<void> {
    this.#sending ??= this.#sendWaiting().finally(() => {
      this.#sending = null;
    });
    return this.#sending;
  }

  /** This instance's rows Redis does not hold yet, inside the filter. */
  unsent(filter: UsageFilter): UsageRow[] {
    const rows = [...(this.#batch?.rows ?? []), ...this.#waiting.rows()];
    return rows.filter((row) => matchesUsageFilter(row, filter));
  }

  /** The fleet's rows inside the filter; throws when Redis does not answer. */
  async query(filter: UsageFilter): Promise<UsageRow[]> {
    const { client } = this.#redis;
    const days: string[] = [];
    for (let time = Date.parse(filter.from); utcDayOf(time) <= filter.to; time += dayMs)
      days.push(utcDayOf(time));
    const members = await client.pipeline(days.map((day) => ['smembers', this.#dayKey(day)])).exec();
    const wanted: { day: string; key: string | null; model: string }[] = [];
    days.forEach((day, index) => {
      const [error, names] = members?.[index] ?? [null, []];
      if (error) throw error;
      for (const member of names as string[]) {
        const [key, model] = JSON.parse(member) as [string | null, string];
        const row = { day, key, model };
        if (matchesUsageFilter(row, filter)) wanted.push(row);
      }
    });
    if (wanted.length === 0) return [];
    const hashes = await client
      .pipeline(wanted.map((row) => ['hgetall', this.#rowKey(row.day, JSON.stringify([row.key, row.model]))]))
      .exec();
    return wanted.map((row, index) => {
      const [error, fields] = hashes?.[index] ?? [null, {}];
      if (error) throw error;
      const values = fields as Record<string, string>;
      return {
        ...row,
        upstreamModel: values.upstream_model ?? null,
        requests: Number(values.requests ?? 0),
        errors: Number(values.errors ?? 0),
        inputTokens: Number(values.input_tokens ?? 0),
        outputTokens: Number(values.output_tokens ?? 0),
        estimated: Number(values.estimated ?? 0),
      };
    });
  }

  async #sendWaiting(): Promise<void> {
    if (!this.#redis.available) return;
    if (this.#batch === null) {
      if (this.#waiting.size === 0) return;
      this.#batch = { id: randomUUID(), rows: this.#waiting.rows() };
      this.#waiting.clear();
    }
    try {
      await this.#send(this.#batch);
      this.#batch = null;
    } catch (error) {
      this.#onFailure(error);
    }
  }

  async #send(batch: Batch): Promise<void> {
    const keys = [this.#redis.key(`usage-batch:${batch.id}`)];
    const values: (string | number)[] = [batchMarkSeconds];
    for (const row of batch.rows) {
      const member = JSON.stringify([row.key, row.model]);
      keys.push(this.#rowKey(row.day, member), this.#dayKey(row.day));
      values.push(
        member,
        row.upstreamModel ?? '',
        row.requests,
        row.errors,
        row.inputTokens,
        row.outputTokens,
        row.estimated,
      );
    }
    await this.#redis.client.eval(addBatchScript, keys.length, ...keys, ...values);
  }

  #dayKey(day: string): string {
    return this.#redis.key(`usage:${day}`);
  }

  #rowKey(day: string, member: string): string {
    return this.#redis.key(`usage:${day}:${member}`);
  }
}
