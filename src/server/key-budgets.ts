import type { FastifyInstance } from 'fastify';
import type { ApiKey } from '../config/schema.ts';
import { GatewayError } from '../core/errors.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import { BudgetTotals, type KeyUse } from '../observability/usage/budget-totals.ts';
import type { UsageLedger } from '../observability/usage/usage-ledger.ts';
import { replyWithClientError } from '../protocols/client-protocol.ts';
import { usageRoutes } from './record-usage.ts';

type Budgets = Pick<ApiKey, 'tokensPerDay' | 'tokensPerMonth' | 'requestsPerDay'>;

interface Budget {
  limit: 'tokens_per_day' | 'tokens_per_month' | 'requests_per_day';
  /** How the client's message names it with its limit. */
  describe: (limit: number) => string;
  of: (budgets: Budgets) => number;
  used: (use: KeyUse) => number;
  resetsAt: (time: number) => number;
}

const nextUtcDay = (time: number) => {
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
};
const nextUtcMonth = (time: number) => {
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
};

const budgets: readonly Budget[] = [
  {
    limit: 'tokens_per_day',
    describe: (limit) => `daily budget of ${limit} tokens (input + output)`,
    of: (key) => key.tokensPerDay,
    used: (use) => use.dayTokens,
    resetsAt: nextUtcDay,
  },
  {
    limit: 'tokens_per_month',
    describe: (limit) => `monthly budget of ${limit} tokens (input + output)`,
    of: (key) => key.tokensPerMonth,
    used: (use) => use.monthTokens,
    resetsAt: nextUtcMonth,
  },
  {
    limit: 'requests_per_day',
    describe: (limit) => `daily budget of ${limit} requests`,
    of: (key) => key.requestsPerDay,
    used: (use) => use.dayRequests,
    resetsAt: nextUtcDay,
  },
];
const tokenBudgets = budgets.filter((budget) => budget.limit !== 'requests_per_day');

/** The header telling a key with a token budget how many tokens it has left. */
const remainingTokensHeader = 'x-sfgw-budget-remaining-tokens';

const hasBudget = (key: Budgets) => budgets.some((budget) => budget.of(key) > 0);

/** The in-memory totals budgets are checked against, or null when no key has a budget. */
export async function openKeyBudgets(
  apiKeys: readonly Budgets[],
  ledger: UsageLedger | null,
  now: () => number,
): Promise<BudgetTotals | null> {
  if (!apiKeys.some(hasBudget)) return null;
  // with daily budgets only, each refresh reads one day of the ledger instead of a month
  return BudgetTotals.open(ledger, { now, wholeMonth: apiKeys.some((apiKey) => apiKey.tokensPerMonth > 0) });
}

/**
 * Refuses a model request (chat, messages, responses, completions, embeddings) of a key past one
 * of its budgets with 429, in its protocol, and Retry-After set to the budget's next reset (the
 * next UTC midnight, or the first of the next UTC month). The check reads the totals known when
 * the request starts: a request that starts within budget runs to its end, and its tokens count
 * once it has finished. Answers of a key with a token budget carry what it has left.
 */
export function registerKeyBudgets(
  app: FastifyInstance,
  totals: BudgetTotals,
  options: { metrics: GatewayMetrics; now: () => number },
): void {
  app.addHook('onRequest', async (request, reply) => {
    const caller = request.caller;
    if (!caller || request.method !== 'POST' || !usageRoutes.has(request.routeOptions.url ?? '')) return;
    if (!hasBudget(caller)) return;
    const time = options.now();
    const use = totals.useOf(caller.name, time);
    const remaining = remainingTokens(caller, use);
    if (remaining !== null) reply.header(remainingTokensHeader, String(remaining));
    // a key past several budgets may come back only once the last of them resets
    const spent = budgets
      .filter((budget) => budget.of(caller) > 0 && budget.used(use) >= budget.of(caller))
      .sort((left, right) => right.resetsAt(time) - left.resetsAt(time))[0];
    if (spent === undefined) return;
    options.metrics.keyLimitRejections.inc({ key: caller.name, limit: spent.limit });
    const resetsAt = spent.resetsAt(time);
    const retryAfterSeconds = Math.max(1, Math.ceil((resetsAt - time) / 1000));
    const error = new GatewayError(
      'rate_limit',
      `API key "${caller.name}" has used its ${spent.describe(spent.of(caller))}; it resets at ${new Date(resetsAt).toISOString()}, in ${retryAfterSeconds} s.`,
      { code: 'budget_exceeded', retryAfterSeconds },
    );
    return replyWithClientError(request, reply, error);
  });
}

/** The least a key has left of its token budgets, or null when it has none. */
function remainingTokens(key: Budgets, use: KeyUse): number | null {
  let remaining: number | null = null;
  for (const budget of tokenBudgets) {
    const limit = budget.of(key);
    if (limit === 0) continue;
    const left = Math.max(0, limit - budget.used(use));
    remaining = remaining === null ? left : Math.min(remaining, left);
  }
  return remaining;
}
