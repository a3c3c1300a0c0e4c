import { describe, expect, it } from 'vitest';
import { BudgetTotals } from './budget-totals.ts';
import { openUsageLedger } from './open-usage-ledger.ts';
import { usageRecordOf as record } from './usage-record.fixtures.ts';

const at = (iso: string) => Date.parse(iso);
const use = (dayTokens: number, dayRequests: number, monthTokens: number) => ({
  dayTokens,
  dayRequests,
  monthTokens,
});
const quietWiring = {
  logger: { warn: () => {}, info: () => {} },
  onError: () => {},
  flushIntervalMs: 60_000,
};

describe('budget totals', () => {
  it('counts a key per UTC day and month, starting afresh at midnight and on the first of the month', async () => {
    const totals = await BudgetTotals.open(null, { now: Date.now });
    totals.add('n8n', 10, at('2026-11-30T12:00:00Z'));
    totals.add('n8n', 7, at('2026-12-01T23:59:59Z'));
    totals.add('n8n', 5, at('2026-12-02T00:00:00Z'));
    totals.add('other', 100, at('2026-12-02T08:00:00Z'));
    expect(totals.useOf('n8n', at('2026-12-02T10:00:00Z'))).toEqual(use(5, 1, 12));
    expect(totals.useOf('n8n', at('2026-12-03T00:00:00Z'))).toEqual(use(0, 0, 12));
    expect(totals.useOf('n8n', at('2027-01-01T00:00:00Z'))).toEqual(use(0, 0, 0));
    expect(totals.useOf('nobody', at('2026-12-02T10:00:00Z'))).toEqual(use(0, 0, 0));
  });

  it("starts from the ledger's totals of the month and takes them again on each refresh", async () => {
    const ledger = openUsageLedger(null, quietWiring);
    const now = () => at('2026-12-04T12:00:00Z');
    ledger.record(record({ endedAt: at('2026-11-30T10:00:00Z') }));
    ledger.record(record({ endedAt: at('2026-12-01T10:00:00Z') }));
    ledger.record(record({ key: null }));
    ledger.record(record());
    const totals = await BudgetTotals.open(ledger, { now, refreshIntervalMs: 60_000 });
    // the fixture's requests are 12 + 5 tokens each
    expect(totals.useOf('n8n', now())).toEqual(use(17, 1, 34));

    // what the ledger learns besides this instance's own adds (other instances, through Redis) counts from the next refresh
    ledger.record(record({ inputTokens: 100, outputTokens: 0 }));
    expect(totals.useOf('n8n', now()).dayTokens).toBe(17);
    await totals.refresh();
    expect(totals.useOf('n8n', now())).toEqual(use(117, 2, 134));
    totals.close();

    // with daily budgets only, earlier days are not even read
    const today = await BudgetTotals.open(ledger, { now, refreshIntervalMs: 60_000, wholeMonth: false });
    expect(today.useOf('n8n', now())).toEqual(use(117, 2, 117));
    today.close();
    await ledger.close();
  });
});
