import type { UsageLedger } from './usage-ledger.ts';
import { type UsageRow, utcDayOf } from './usage-record.ts';

/** One key's use so far of the current UTC day and month. */
export interface KeyUse {
  dayTokens: number;
  dayRequests: number;
  monthTokens: number;
}

interface DayUse {
  tokens: number;
  requests: number;
}

/**
 * Per API key, the tokens (input + output) and requests of each day of the current UTC month, in
 * memory, so that checking a budget costs no query. Finished requests are added as the ledger
 * records them; with a ledger, every `refreshIntervalMs` the totals are replaced by the ledger's
 * own (the fleet's through Redis, else this instance's file), so instances of a fleet see each
 * other's use within about that interval, and a restart starts from the day's totals.
 */
export class BudgetTotals {
  readonly #ledger: UsageLedger | null;
  readonly #now: () => number;
  readonly #wholeMonth: boolean;
  // key name -> UTC day (YYYY-MM-DD) -> use
  #days = new Map<string, Map<string, DayUse>>();
  #timer: NodeJS.Timeout | undefined;
  #refreshing: Promise<void> | null = null;

  private constructor(ledger: UsageLedger | null, now: () => number, wholeMonth: boolean) {
    this.#ledger = ledger;
    this.#now = now;
    this.#wholeMonth = wholeMonth;
  }

  /**
   * Totals seeded from the ledger (when there is one) and refreshed from it every interval. Without
   * `wholeMonth` (no key has a monthly budget) only today's rows are read, and `monthTokens` is
   * today's alone.
   */
  static async open(
    ledger: UsageLedger | null,
    options: { now: () => number; refreshIntervalMs?: number; wholeMonth?: boolean },
  ): Promise<BudgetTotals> {
    const totals = new BudgetTotals(ledger, options.now, options.wholeMonth ?? true);
    if (ledger === null) return totals;
    await totals.refresh();
    totals.#timer = setInterval(() => void totals.refresh(), options.refreshIntervalMs ?? 1000);
    totals.#timer.unref();
    return totals;
  }

  /** Counts one finished request of `key` on the UTC day of `endedAt`. */
  add(key: string, tokens: number, endedAt: number): void {
    const day = utcDayOf(endedAt);
    const days = daysOfKey(this.#days, key);
    let use = days.get(day);
    if (use === undefined) {
      // a new day: the days of earlier months no longer count for any budget
      for (const earlier of days.keys()) if (earlier.slice(0, 7) !== day.slice(0, 7)) days.delete(earlier);
      use = { tokens: 0, requests: 0 };
      days.set(day, use);
    }
    use.tokens += tokens;
    use.requests += 1;
  }

  /** What `key` has used of the UTC day and month of `time`. */
  useOf(key: string, time: number): KeyUse {
    const today = utcDayOf(time);
    const month = today.slice(0, 7);
    const use: KeyUse = { dayTokens: 0, dayRequests: 0, monthTokens: 0 };
    for (const [day, dayUse] of this.#days.get(key) ?? []) {
      if (day.slice(0, 7) !== month) continue;
      use.monthTokens += dayUse.tokens;
      if (day !== today) continue;
      use.dayTokens = dayUse.tokens;
      use.dayRequests = dayUse.requests;
    }
    return use;
  }

  /** Replaces the totals by the ledger's for the current month; one refresh at a time. */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#readLedger()
      // the ledger reports its own failures; meanwhile the totals known so far keep counting
      .catch(() => undefined)
      .finally(() => {
        this.#refreshing = null;
      });
    return this.#refreshing;
  }

  close(): void {
    clearInterval(this.#timer);
  }

  async #readLedger(): Promise<void> {
    if (this.#ledger === null) return;
    const today = utcDayOf(this.#now());
    const from = this.#wholeMonth ? `${today.slice(0, 7)}-01` : today;
    const rows = await this.#ledger.query({ from, to: today });
    this.#days = daysOf(rows);
  }
}

function daysOf(rows: readonly UsageRow[]): Map<string, Map<string, DayUse>> {
  const keys = new Map<string, Map<string, DayUse>>();
  for (const row of rows) {
    if (row.key === null) continue;
    const days = daysOfKey(keys, row.key);
    const use = days.get(row.day) ?? { tokens: 0, requests: 0 };
    use.tokens += row.inputTokens + row.outputTokens;
    use.requests += row.requests;
    days.set(row.day, use);
  }
  return keys;
}

function daysOfKey(keys: Map<string, Map<string, DayUse>>, key: string): Map<string, DayUse> {
  let days = keys.get(key);
  if (days === undefined) {
    days = new Map();
    keys.set(key, days);
  }
  return days;
}
