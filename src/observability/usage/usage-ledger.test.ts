import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { beforeEach, describe, expect, it } from 'vitest';
import { openUsageLedger } from './open-usage-ledger.ts';
import { usageRecordOf as record } from './usage-record.fixtures.ts';

const day = record().endedAt;
const wholeDay = { from: '2026-12-04', to: '2026-12-04' };

let folder: string;
let warnings: Record<string, unknown>[];
let errors: string[];
const wiring = () => ({
  logger: { warn: (fields: Record<string, unknown>) => warnings.push(fields), info: () => {} },
  onError: (operation: string) => errors.push(operation),
  flushIntervalMs: 60_000,
});
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'sfgw-usage-'));
  warnings = [];
  errors = [];
});

describe('the usage ledger', () => {
  it('sums requests per key × model × UTC day, errors and tokens apart', async () => {
    const ledger = openUsageLedger(path.join(folder, 'usage.db'), wiring());
    ledger.record(record());
    ledger.record(record({ status: 502, inputTokens: 3, outputTokens: 0 }));
    ledger.record(record({ key: null }));
    ledger.record(record({ endedAt: day + 86_400_000 }));
    const rows = await ledger.query(wholeDay);
    expect(rows).toEqual([
      expect.objectContaining({ key: null, requests: 1, errors: 0, inputTokens: 12, outputTokens: 5 }),
      expect.objectContaining({ key: 'n8n', day: '2026-12-04', requests: 2, errors: 1, inputTokens: 15 }),
    ]);
    await ledger.close();
  });

  it('keeps its totals across a close and a reopen of the same file, unflushed ones included', async () => {
    const file = path.join(folder, 'nested', 'usage.db');
    const first = openUsageLedger(file, wiring());
    first.record(record());
    first.flush();
    first.record(record({ outputTokens: 7 }));
    await first.close();
    const second = openUsageLedger(file, wiring());
    expect(await second.query({ ...wholeDay, key: 'n8n' })).toEqual([
      expect.objectContaining({ requests: 2, inputTokens: 24, outputTokens: 12, estimated: 0 }),
    ]);
    expect(await second.query({ ...wholeDay, model: 'other' })).toEqual([]);
    await second.close();
    expect(errors).toEqual([]);
  });

  it('counts in memory and reports once when the file is not a database', async () => {
    const file = path.join(folder, 'usage.db');
    await writeFile(file, 'this is not a SQLite database, not even its header'.repeat(200));
    const ledger = openUsageLedger(file, wiring());
    ledger.record(record());
    ledger.flush();
    expect(await ledger.query(wholeDay)).toEqual([expect.objectContaining({ requests: 1 })]);
    expect(errors).toEqual(['open']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file, operation: 'open' });
    await ledger.close();
  });

  it('keeps a batch the locked file refused, reports it once, and writes it once the lock is gone', async () => {
    const file = path.join(folder, 'usage.db');
    const ledger = openUsageLedger(file, wiring());
    const locker = new DatabaseSync(file);
    locker.exec('BEGIN EXCLUSIVE');
    ledger.record(record());
    ledger.flush();
    ledger.record(record());
    ledger.flush();
    expect(errors).toEqual(['write', 'write']);
    expect(warnings).toHaveLength(1);
    locker.exec('COMMIT');
    locker.close();
    ledger.flush();
    await ledger.close();
    const reopened = openUsageLedger(file, wiring());
    expect(await reopened.query(wholeDay)).toEqual([
      expect.objectContaining({ requests: 2, inputTokens: 24 }),
    ]);
    await reopened.close();
  });
});
