import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { type LoadResult, runLoad } from './bench-load.ts';

/** One request a target is sent, again and again: the same bytes every time. */
export interface TimedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** A reason the answer is wrong, or undefined when it is fine. */
  check?: (text: string) => string | undefined;
}

/** What one load run measured; times are of successful requests only. */
export interface TimedResult extends LoadResult {
  /** From sending to the first byte of the body. */
  ttfbsMs: number[];
}

/** A keep-alive pool to one target and the request it sends. */
export interface TimedSender {
  send(): Promise<number>;
  close(): Promise<void>;
}

/** Sends `request` to `origin` over `connections` kept-alive connections; `send` resolves with the TTFB. */
export function createTimedSender(origin: string, request: TimedRequest, connections: number): TimedSender {
  const pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const options = {
    path: request.path,
    method: 'POST' as const,
    headers: request.headers,
    body: request.body,
  };
  return {
    async send() {
      const sentAt = performance.now();
      const answer = await pool.request(options);
      let firstByteAt = 0;
      let text = '';
      answer.body.setEncoding('utf8');
      for await (const chunk of answer.body) {
        if (firstByteAt === 0) firstByteAt = performance.now();
        text += chunk as string;
      }
      if (answer.statusCode !== 200) throw new Error(`HTTP ${answer.statusCode}: ${text.slice(0, 200)}`);
      const wrong = request.check?.(text);
      if (wrong !== undefined) throw new Error(wrong);
      return (firstByteAt || performance.now()) - sentAt;
    },
    close: () => pool.close(),
  };
}

/**
 * Runs `concurrency` loops, each sending one request after another, until `durationMs` or
 * `requests` is reached: bench-load's runLoad, keeping the TTFB each successful `send` resolves with.
 */
export async function runTimedLoad(
  send: () => Promise<number>,
  plan: { concurrency: number; durationMs: number; requests?: number },
): Promise<TimedResult> {
  const ttfbsMs: number[] = [];
  const result = await runLoad(
    async () => {
      ttfbsMs.push(await send());
    },
    { concurrency: plan.concurrency, requests: plan.requests, durationMs: plan.durationMs },
  );
  return { ...result, ttfbsMs };
}
