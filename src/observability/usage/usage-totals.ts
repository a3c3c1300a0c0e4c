import { type UsageRecord, type UsageRow, utcDayOf } from './usage-record.ts';

/** Usage rows kept in memory, one per key × model × day, summed as records and rows are added. */
export class UsageTotals {
  readonly #rows = new Map<string, UsageRow>();

  get size(): number {
    return this.#rows.size;
  }

  /** Counts one request on its row. */
  addRecord(record: UsageRecord): void {
    this.addRow({
      key: record.key,
      model: record.model,
      upstreamModel: record.upstreamModel,
      day: utcDayOf(record.endedAt),
      requests: 1,
      errors: record.status >= 400 ? 1 : 0,
      inputTokens: record.inputTokens,
      outputTokens: record.outputTokens,
      estimated: record.estimated ? 1 : 0,
    });
  }

  /** Adds a row's counts to the row of the same key, model and day. */
  addRow(row: UsageRow): void {
    const id = `${row.day}\n${row.key ?? ''}\n${row.key === null ? 0 : 1}\n${row.model}`;
    const total = this.#rows.get(id);
    if (total === undefined) {
      this.#rows.set(id, { ...row });
      return;
    }
    total.upstreamModel = row.upstreamModel ?? total.upstreamModel;
    total.requests += row.requests;
    total.errors += row.errors;
    total.inputTokens += row.inputTokens;
    total.outputTokens += row.outputTokens;
    total.estimated += row.estimated;
  }

  rows(): UsageRow[] {
    return [...this.#rows.values()];
  }

  clear(): void {
    this.#rows.clear();
  }
}
