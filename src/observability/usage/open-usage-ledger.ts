import type { Logger } from 'pino';
import { SharedUsageTotals, type UsageRedis } from './shared-usage-totals.ts';
import { SqliteUsageStore } from './sqlite-usage-store.ts';
import { UsageLedger, type UsageLedgerReporter } from './usage-ledger.ts';

/** What opening the ledger needs: the file, where to log, and the error counter to bump. */
export interface UsageLedgerWiring {
  logger: Pick<Logger, 'warn' | 'info'>;
  onError: (operation: 'open' | 'write' | 'read') => void;
  flushIntervalMs?: number;
  /** With REDIS_URL: the fleet's totals live there too. */
  redis?: UsageRedis;
  /** A push to Redis failed; its rows wait for the next one. */
  onSharedFallback?: () => void;
}

/**
 * The ledger on USAGE_DB; without a file (demo mode), in memory only. A file that cannot be opened
 * (corrupt, unwritable, locked) is reported once and the ledger counts in memory only: usage
 * accounting never stops the gateway serving.
 */
export function openUsageLedger(file: string | null, wiring: UsageLedgerWiring): UsageLedger {
  const reporter: UsageLedgerReporter = {
    onFailure(operation, error, firstInARow) {
      wiring.onError(operation);
      if (!firstInARow) return;
      wiring.logger.warn(
        { file, operation, reason: error instanceof Error ? error.message : String(error) },
        'usage ledger: USAGE_DB failed; usage is counted in memory meanwhile',
      );
    },
    onRecovery() {
      wiring.logger.info({ file }, 'usage ledger: USAGE_DB writable again; totals kept in memory written');
    },
  };
  let store: SqliteUsageStore | null = null;
  try {
    if (file !== null) store = new SqliteUsageStore(file);
  } catch (error) {
    reporter.onFailure('open', error, true);
  }
  const { redis } = wiring;
  const shared =
    redis &&
    new SharedUsageTotals(redis, (error) => {
      wiring.onSharedFallback?.();
      wiring.logger.warn(
        { reason: error instanceof Error ? error.message : String(error) },
        'usage ledger: Redis refused a batch of usage; it is sent again with the next one',
      );
    });
  return new UsageLedger({ store, reporter, flushIntervalMs: wiring.flushIntervalMs, shared });
}
