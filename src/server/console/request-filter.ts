import { GatewayError } from '../../core/errors.ts';
import type { RecentRequest } from '../../observability/recent-request-log.ts';

/** What GET /ui/api/requests may be asked to show. */
export interface RequestFilter {
  limit: number;
  /** An exact status, or "errors" for 400 and up. */
  status: number | 'errors' | undefined;
  model: string | undefined;
  key: string | undefined;
  protocol: 'openai' | 'anthropic' | undefined;
}

const defaultLimit = 100;
const largestLimit = 10_000;
const filterParameters: readonly string[] = ['limit', 'status', 'model', 'key', 'protocol'];
// A parameter's name is echoed in the refusal: a long one is cut.
const longestEchoedName = 64;

/** The refusal of the first query parameter not among `known` (a typo would filter nothing); undefined when all are. */
export function findUnknownParameter(
  query: Record<string, unknown>,
  known: readonly string[],
): GatewayError | undefined {
  for (const name in query) {
    if (known.includes(name)) continue;
    const shown = name.slice(0, longestEchoedName);
    const takes = known.length === 0 ? 'this endpoint takes none' : `this endpoint takes ${known.join(', ')}`;
    return new GatewayError('invalid_request', `Unknown query parameter ${shown}: ${takes}.`, {
      param: shown,
      code: 'invalid_console_query',
    });
  }
  return undefined;
}

/** Reads the query's filters; an unknown or bad one is a client error naming the parameter and what it takes. */
export function parseRequestFilter(query: Record<string, unknown>): RequestFilter {
  const unknown = findUnknownParameter(query, filterParameters);
  if (unknown) throw unknown;
  const text = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') throw invalid(name, 'must be given once');
    return value;
  };
  const limitText = text('limit');
  const limit = limitText === undefined ? defaultLimit : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > largestLimit)
    throw invalid('limit', `must be a whole number from 1 to ${largestLimit}`);
  const statusText = text('status');
  let status: RequestFilter['status'];
  if (statusText === 'errors') status = 'errors';
  else if (statusText !== undefined) {
    status = Number(statusText);
    if (!/^[1-5]\d\d$/.test(statusText))
      throw invalid('status', 'must be an HTTP status such as 429, or errors');
  }
  const protocol = text('protocol');
  if (protocol !== undefined && protocol !== 'openai' && protocol !== 'anthropic')
    throw invalid('protocol', 'must be openai or anthropic');
  return { limit, status, model: text('model'), key: text('key'), protocol };
}

/** Whether a logged request passes the filter (the limit aside). */
export function matchesFilter(request: RecentRequest, filter: RequestFilter): boolean {
  if (
    filter.status === 'errors'
      ? request.status < 400
      : filter.status !== undefined && request.status !== filter.status
  )
    return false;
  if (filter.model !== undefined && request.model !== filter.model) return false;
  if (filter.key !== undefined && request.key !== filter.key) return false;
  return filter.protocol === undefined || request.protocol === filter.protocol;
}

function invalid(parameter: string, rule: string): GatewayError {
  return new GatewayError('invalid_request', `The query parameter ${parameter} ${rule}.`, {
    param: parameter,
    code: 'invalid_console_query',
  });
}
