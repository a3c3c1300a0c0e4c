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
  reporter: UsageLedgerReporter;
  /** Flush this often (default 1 s). */
  flushIntervalMs?: number;
  /** Flush as soon as this many requests wait (default 500). */
  flushRequests?: number;
}

/**
 * Usage per key × model × day. Requests are summed in memory and written to the store in one
 * batch per second (or per `flushRequests`), never on the request's path; what the store could
 * not take stays in memory, counted in every query, until a later flush succeeds.
 */
export class UsageLedger {
  readonly #store: UsageStore | null;
  readonly #reporter: UsageLedgerReporter;
  readonly #flushRequests: number;
  readonly #unflushed = new UsageTotals();
  readonly #timer: NodeJS.Timeout | undefined;
  #waitingRequests = 0;
  #failing = false;

  constructor(options: UsageLedgerOptions) {
    this.#store = options.store;
    this.#reporter = options.reporter;
    this.#flushRequests = options.flushRequests ?? 500;
    if (this.#store !== null) {
      this.#timer = setInterval(() => this.flush(), options.flushIntervalMs ?? 1000);
      this.#timer.unref();
    }
  }

  /** Counts one finished request. */
  record(record: UsageRecord): void {
    this.#unflushed.addRecord(record);
    this.#waitingRequests += 1;
    if (this.#waitingRequests >= this.#flushRequests) this.flush();
  }

  /** Writes what waits in memory to the store, in one transaction. */
  flush(): void {
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

  /** The rows inside the filter: the stored totals plus what has not been written yet. */
  query(filter: UsageFilter): UsageRow[] {
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

  /** Flushes what waits and closes the store. */
  close(): void {
    clearInterval(this.#timer);
    this.flush();
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

function compareRows(left: UsageRow, right: UsageRow): number {
  return (
    left.day.localeCompare(right.day) ||
    (left.key ?? '').localeCompare(right.key ?? '') ||
    left.model.localeCompare(right.model)
  );
}
