import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SoakRequestKind, SoakTurn } from './soak-request-mix.ts';
import type { SoakTally } from './soak-tally.ts';

/** How long and how wide the soak's load runs. */
export interface SoakLoadPlan {
  concurrency: number;
  durationMs: number;
  /** Stops the load early (Ctrl-C, the gateway exited); requests in flight are abandoned. */
  signal: AbortSignal;
  /** Most requests started per second, over all loops; undefined sends as fast as answers come. */
  ratePerSecond: number | undefined;
}

/** Sends one request of a kind and resolves once its whole answer was read and checked. */
export type SoakSend = (turn: SoakTurn, signal: AbortSignal) => Promise<void>;

// Generous: a request this slow on loopback is a failure worth counting, not a hang worth waiting on.
const requestTimeoutMs = 30_000;

/** A sender that POSTs each kind's body to a gateway, reads the answer to its end and checks it. */
export function createSoakSender(baseUrl: string, headers: Record<string, string>): SoakSend {
  const requestHeaders = { ...headers, 'content-type': 'application/json' };
  return async ({ kind, sequence }, signal) => {
    const response = await fetch(`${baseUrl}${kind.path}`, {
      method: 'POST',
      headers: requestHeaders,
      body: JSON.stringify(kind.body(sequence)),
      signal: AbortSignal.any([signal, AbortSignal.timeout(requestTimeoutMs)]),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
    const problem = kind.checkAnswer(text);
    if (problem !== undefined) throw new Error(problem);
  };
}

/** Runs `concurrency` loops, each sending the next turn as soon as its last answer is in, until the plan ends. */
export async function runSoakLoad(
  plan: SoakLoadPlan,
  nextTurn: () => SoakTurn,
  send: SoakSend,
  tally: SoakTally,
): Promise<void> {
  const deadline = performance.now() + plan.durationMs;
  const pacer = plan.ratePerSecond === undefined ? undefined : createPacer(plan.ratePerSecond);
  const loop = async () => {
    while (!plan.signal.aborted && performance.now() < deadline) {
      const delayMs = pacer?.reserve(performance.now()) ?? 0;
      if (delayMs > 0) await sleep(delayMs, undefined, { signal: plan.signal }).catch(() => undefined);
      if (plan.signal.aborted || performance.now() >= deadline) return;
      const turn = nextTurn();
      try {
        await send(turn, plan.signal);
        tally.succeed(turn.kind.name);
      } catch (error) {
        // a request cut short by the stop itself says nothing about the gateway
        if (plan.signal.aborted && (error as { name?: unknown } | null)?.name === 'AbortError') return;
        tally.fail(turn.kind.name, describeFailure(turn.kind, error));
      }
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, loop));
}

/** Spaces request starts evenly at a rate shared by all loops. */
export interface Pacer {
  /** Takes the next start slot; returns how long to wait for it from `nowMs`. */
  reserve(nowMs: number): number;
}

/** A pacer for `ratePerSecond` starts; a loop that fell behind starts at once but never in a burst to catch up. */
export function createPacer(ratePerSecond: number): Pacer {
  const intervalMs = 1000 / ratePerSecond;
  let nextSlotMs = Number.NEGATIVE_INFINITY;
  return {
    reserve(nowMs) {
      const slotMs = Math.max(nextSlotMs, nowMs);
      nextSlotMs = slotMs + intervalMs;
      return slotMs - nowMs;
    },
  };
}

function describeFailure(kind: SoakRequestKind, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = (error as { cause?: { code?: unknown } }).cause?.code;
  return `${kind.path}: ${message}${typeof cause === 'string' ? ` (${cause})` : ''}`;
}
