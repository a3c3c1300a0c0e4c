import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/schema.ts';
import { GatewayError } from '../../core/errors.ts';
import type { UsageLedger } from '../../observability/usage/usage-ledger.ts';
import type { UsageFilter, UsageRow } from '../../observability/usage/usage-record.ts';
import { utcDayOf } from '../../observability/usage/usage-record.ts';
import { replyWithError } from '../../protocols/openai/reply-with-error.ts';
import { consoleRefusal, createAdminCheck } from '../console/console-access.ts';

/** Where the usage totals are served. */
export const adminUsagePath = '/admin/usage';

/** One row of GET /admin/usage: a key × model × UTC day; `estimated` counts requests whose tokens the gateway counted. */
export interface AdminUsageRow {
  key: string | null;
  model: string;
  upstream_model: string | null;
  day: string;
  requests: number;
  errors: number;
  input_tokens: number;
  output_tokens: number;
  estimated: number;
}

const defaultDays = 30;
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const dayMs = 86_400_000;

/**
 * `GET /admin/usage?from=&to=&key=&model=`: the ledger's rows, days inclusive in UTC (default: the
 * last 30 days). Only for admin keys, or open on loopback without keys: the console API's check.
 */
export function registerAdminUsageRoute(
  app: FastifyInstance,
  dependencies: { ledger: UsageLedger | null; config: Pick<Config, 'host' | 'access'>; now: () => number },
): void {
  const { config } = dependencies;
  app.get(
    adminUsagePath,
    { onRequest: createAdminCheck(config.access.apiKeys.length > 0, consoleRefusal(config)) },
    async (request, reply) => {
      let filter: UsageFilter;
      try {
        filter = parseUsageQuery(request.query as Record<string, unknown>, dependencies.now());
      } catch (error) {
        return replyWithError(request, reply, error as GatewayError);
      }
      const rows = (await dependencies.ledger?.query(filter)) ?? [];
      return { rows: rows.map(encodeUsageRow) };
    },
  );
}

/** The filter of a usage query; a malformed or reversed date throws a GatewayError naming it. */
export function parseUsageQuery(query: Record<string, unknown>, now: number): UsageFilter {
  const to = readDay(query, 'to') ?? utcDayOf(now);
  const from = readDay(query, 'from') ?? utcDayOf(Date.parse(to) - (defaultDays - 1) * dayMs);
  if (from > to) {
    throw new GatewayError('invalid_request', `from (${from}) is after to (${to}).`, { param: 'from' });
  }
  const filter: UsageFilter = { from, to };
  const key = readText(query, 'key');
  const model = readText(query, 'model');
  if (key !== undefined) filter.key = key;
  if (model !== undefined) filter.model = model;
  return filter;
}

function readDay(query: Record<string, unknown>, name: 'from' | 'to'): string | undefined {
  const value = readText(query, name);
  if (value === undefined) return undefined;
  // The round trip refuses dates the pattern lets through, such as 2026-02-30.
  if (!dayPattern.test(value) || utcDayOf(Date.parse(value) || 0) !== value) {
    throw new GatewayError(
      'invalid_request',
      `${name} must be a date written YYYY-MM-DD (UTC), e.g. 2026-12-04.`,
      {
        param: name,
      },
    );
  }
  return value;
}

function readText(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new GatewayError('invalid_request', `${name} must be given once.`, { param: name });
  }
  return value;
}

function encodeUsageRow(row: UsageRow): AdminUsageRow {
  return {
    key: row.key,
    model: row.model,
    upstream_model: row.upstreamModel,
    day: row.day,
    requests: row.requests,
    errors: row.errors,
    input_tokens: row.inputTokens,
    output_tokens: row.outputTokens,
    estimated: row.estimated,
  };
}
