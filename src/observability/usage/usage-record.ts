/** One finished client model request, as the usage ledger records it. */
export interface UsageRecord {
  /** The API key's name; null when the gateway runs without keys. */
  key: string | null;
  /** The model name the client sent. */
  model: string;
  /** The Salesforce model the catalog resolved it to; null when it resolved to none. */
  upstreamModel: string | null;
  protocol: 'openai' | 'anthropic';
  /** The route pattern, e.g. /v1/chat/completions. */
  route: string;
  /** HTTP status; 499 when the client left first. */
  status: number;
  inputTokens: number;
  outputTokens: number;
  /** True when the gateway counted the tokens itself instead of reading the upstream's usage. */
  estimated: boolean;
  durationMs: number;
  stream: boolean;
  /** Unix milliseconds when the request ended: its UTC day is the row it counts on. */
  endedAt: number;
}

/** The totals of one key × model × UTC day. */
export interface UsageRow {
  /** The API key's name; null for requests made without keys. */
  key: string | null;
  /** The model name the clients sent. */
  model: string;
  /** The Salesforce model of the latest request on this row. */
  upstreamModel: string | null;
  /** YYYY-MM-DD, UTC. */
  day: string;
  requests: number;
  /** Requests answered with a status of 400 or more (499: the client left). */
  errors: number;
  inputTokens: number;
  outputTokens: number;
  /** How many of the requests had their tokens counted by the gateway. */
  estimated: number;
}

/** Which rows a usage query wants: days from and to (YYYY-MM-DD, inclusive), one key, one model. */
export interface UsageFilter {
  from: string;
  to: string;
  key?: string;
  model?: string;
}

/** The UTC day (YYYY-MM-DD) of a Unix-milliseconds time. */
export function utcDayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** True when the row falls inside the filter. */
export function matchesUsageFilter(
  row: Pick<UsageRow, 'day' | 'key' | 'model'>,
  filter: UsageFilter,
): boolean {
  if (row.day < filter.from || row.day > filter.to) return false;
  if (filter.key !== undefined && row.key !== filter.key) return false;
  return filter.model === undefined || row.model === filter.model;
}
