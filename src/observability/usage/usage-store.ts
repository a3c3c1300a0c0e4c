import type { UsageFilter, UsageRow } from './usage-record.ts';

/** Where the usage ledger keeps its totals; each call may throw when the storage fails. */
export interface UsageStore {
  /** Adds the rows' counts to the stored totals: all of them or, when it throws, none. */
  add(rows: readonly UsageRow[]): void;
  /** The stored rows inside the filter, by day, key and model. */
  query(filter: UsageFilter): UsageRow[];
  close(): void;
}
