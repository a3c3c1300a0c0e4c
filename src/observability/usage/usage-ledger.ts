import type { SharedUsageTotals } from './shared-usage-totals.ts';
import { matchesUsageFilter, type UsageFilter, type UsageRecord, type UsageRow } from './usage-record.ts';
import type { UsageStore } from './usage-store.ts';
import { UsageTotals } from './usage-totals.ts';

/** Where the ledger reports a storage failure: once per run of failures, and when it recovers. */
export interface UsageLedgerReporter {
  /** The store failed at `operation`; `firstInARow` is false while the previous one failed too. */
  onFailure(operation: 'open' | 'write' | 'read', error: unknown, firstInARow: boolean): void;
  onRecovery(): void;
}

/** How a ledger stores and how often it flushes. */
export interface UsageLedgerOptions {
  /** Null keeps every total in memory (the store could not be opened). */
  store: UsageStore | null;
  /** With REDIS_URL: the fleet's totals, pushed from the same flushes and read first. */
  shared?: SharedUsageTotals;
  reporter: UsageLedgerReporter;
  /** Flush this often (default 1 s). */
  flushIntervalMs?: number;
  /** Flush as soon as this many requests wait (default 500). */
  flushRequests?: number;
}

/**
 * Usage per key × model × day. Requests are summed in memory and written to the store in one
 * batch per second (or per `flushRequests`), never on the request's path; what the store could
 * not take stays in memory, counted in every query, until a later flush succeeds. With a shared
 * store the same flushes push to Redis, and queries read the fleet's totals from there (this
 * instance's own while Redis is away).
 */
export class UsageLedger {
  readonly #store: UsageStore | null;
  readonly #shared: SharedUsageTotals | undefined;
  readonly #reporter: UsageLedgerReporter;
  readonly #flushRequests: number;
  readonly #unflushed = new UsageTotals();
  readonly #timer: NodeJS.Timeout | undefined;
  #waitingRequests = 0;
  #failing = false;

  constructor(options: UsageLedgerOptions) {
    this.#store = options.store;
    this.#shared = options.shared;
    this.#reporter = options.reporter;
    this.#flushRequests = options.flushRequests ?? 500;
    if (this.#store !== null || this.#shared !== undefined) {
      this.#timer = setInterval(() => this.flush(), options.flushIntervalMs ?? 1000);
      this.#timer.unref();
    }
  }

  /** Counts one finished request. */
  record(record: UsageRecord): void {
    this.#unflushed.addRecord(record);
    this.#shared?.addRecord(record);
    this.#waitingRequests += 1;
    if (this.#waitingRequests >= this.#flushRequests) this.flush();
  }

  /** Writes what waits in memory to the store, in one transaction. */
  flush(): void {
    void this.#shared?.push();
    if (this.#store === null || this.#unflushed.size === 0) return;
    try {
      this.#store.add(this.#unflushed.rows());
    } catch (error) {
      this.#fail('write', error);
      return;
    }
    this.#unflushed.clear();
    this.#waitingRequests = 0;
    this.#recover();
  }

  /** The rows inside the filter: the fleet's from Redis when it answers, else this instance's. */
  async query(filter: UsageFilter): Promise<UsageRow[]> {
    if (this.#shared?.available) {
      try {
        return sumRows([...(await this.#shared.query(filter)), ...this.#shared.unsent(filter)]);
      } catch {
        // Redis went away meanwhile (its fallbacks are counted): this instance's totals answer
      }
    }
    return this.#queryLocal(filter);
  }

  /** The stored totals plus what has not been written yet. */
  #queryLocal(filter: UsageFilter): UsageRow[] {
    const totals = new UsageTotals();
    if (this.#store !== null) {
      try {
        for (const row of this.#store.query(filter)) totals.addRow(row);
      } catch (error) {
        this.#fail('read', error);
      }
    }
    for (const row of this.#unflushed.rows()) if (matchesUsageFilter(row, filter)) totals.addRow(row);
    return totals.rows().sort(compareRows);
  }

  /** Flushes what waits (to Redis too, when it answers) and closes the store. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.flush();
    await this.#shared?.push();
    this.#store?.close();
  }

  #fail(operation: 'write' | 'read', error: unknown): void {
    this.#reporter.onFailure(operation, error, !this.#failing);
    this.#failing = true;
  }

  #recover(): void {
    if (!this.#failing) return;
    this.#failing = false;
    this.#reporter.onRecovery();
  }
}

function sumRows(rows: readonly UsageRow[]): UsageRow[] {
  const totals = new UsageTotals();
  for (const row of rows) totals.addRow(row);
  return totals.rows().sort(compareRows);
}

function compareRows(left: UsageRow, right: UsageRow): number {
  return (
    left.day.localeCompare(right.day) ||
    (left.key ?? '').localeCompare(right.key ?? '') ||
    left.model.localeCompare(right.model)
  );
}
