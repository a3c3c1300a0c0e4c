import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { UsageFilter, UsageRow } from './usage-record.ts';
import type { UsageStore } from './usage-store.ts';

// A request made without keys is stored under the empty key name: a primary key cannot hold a
// NULL that UPSERT would match, and API_KEYS names are never empty.
const noKey = '';
// A locked file must not hold the event loop: a flush that cannot get the lock fails fast and
// its rows wait in memory for the next one.
const busyTimeoutMs = 50;

const schema = `
CREATE TABLE IF NOT EXISTS usage_daily (
  day TEXT NOT NULL,
  key TEXT NOT NULL,
  model TEXT NOT NULL,
  upstream_model TEXT,
  requests INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  estimated INTEGER NOT NULL,
  PRIMARY KEY (day, key, model)
) WITHOUT ROWID`;

const upsert = `
INSERT INTO usage_daily (day, key, model, upstream_model, requests, errors, input_tokens, output_tokens, estimated)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (day, key, model) DO UPDATE SET
  upstream_model = coalesce(excluded.upstream_model, upstream_model),
  requests = requests + excluded.requests,
  errors = errors + excluded.errors,
  input_tokens = input_tokens + excluded.input_tokens,
  output_tokens = output_tokens + excluded.output_tokens,
  estimated = estimated + excluded.estimated`;

const select = `
SELECT day, key, model, upstream_model, requests, errors, input_tokens, output_tokens, estimated
FROM usage_daily
WHERE day BETWEEN ? AND ? AND (? IS NULL OR key = ?) AND (? IS NULL OR model = ?)
ORDER BY day, key, model`;

interface StoredRow {
  day: string;
  key: string;
  model: string;
  upstream_model: string | null;
  requests: number;
  errors: number;
  input_tokens: number;
  output_tokens: number;
  estimated: number;
}

/** Usage totals in a SQLite file (node:sqlite), one row per day × key × model. */
export class SqliteUsageStore implements UsageStore {
  readonly #database: DatabaseSync;
  readonly #upsert: StatementSync;
  readonly #select: StatementSync;

  /** Opens (or creates, with its folder at mode 0700) the file; throws when it is not a usable database. */
  constructor(file: string) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    this.#database = new DatabaseSync(file, { timeout: busyTimeoutMs });
    try {
      // Workers of one gateway share the file: in WAL mode a reader never blocks their writes.
      this.#database.exec('PRAGMA journal_mode = WAL');
      this.#database.exec(schema);
      this.#upsert = this.#database.prepare(upsert);
      this.#select = this.#database.prepare(select);
    } catch (error) {
      this.#database.close();
      throw error;
    }
  }

  add(rows: readonly UsageRow[]): void {
    this.#database.exec('BEGIN IMMEDIATE');
    try {
      for (const row of rows) {
        this.#upsert.run(
          row.day,
          row.key ?? noKey,
          row.model,
          row.upstreamModel,
          row.requests,
          row.errors,
          row.inputTokens,
          row.outputTokens,
          row.estimated,
        );
      }
      this.#database.exec('COMMIT');
    } catch (error) {
      if (this.#database.isTransaction) this.#database.exec('ROLLBACK');
      throw error;
    }
  }

  query(filter: UsageFilter): UsageRow[] {
    const key = filter.key ?? null;
    const model = filter.model ?? null;
    const stored = this.#select.all(filter.from, filter.to, key, key, model, model) as unknown as StoredRow[];
    return stored.map((row) => ({
      key: row.key === noKey ? null : row.key,
      model: row.model,
      upstreamModel: row.upstream_model,
      day: row.day,
      requests: row.requests,
      errors: row.errors,
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      estimated: row.estimated,
    }));
  }

  close(): void {
    if (this.#database.isOpen) this.#database.close();
  }
}
