/** Call counts since start (or the last reset), readable by tests. */
export interface SimulatorCounters {
  /** Every call to the token endpoint, successful or not. */
  tokenRequests: number;
  /** Token calls answered with an error, injected or not. */
  tokenFailures: number;
  /** Requests received on each Models API route, whatever their outcome. */
  generations: number;
  chatGenerations: number;
  embeddings: number;
  feedback: number;
  /** Requests received on the native surface (`/ai/gpt/v1`), whatever their outcome. */
  nativeRequests: number;
  /** Models API and native requests rejected for their bearer token (401, or 404 for a non-JWT token). */
  unauthorized: number;
  /** Models API requests rejected by the rate limiter (injected 429s are counted as faults). */
  rateLimited: number;
  /** Injected faults consumed, on the token endpoint and the Models API. */
  faultsServed: number;
  /** Requests whose client closed the connection before the answer (during a delay or a hang). */
  abandoned: number;
}

/** A zeroed set of counters. */
export function createCounters(): SimulatorCounters {
  return {
    tokenRequests: 0,
    tokenFailures: 0,
    generations: 0,
    chatGenerations: 0,
    embeddings: 0,
    feedback: 0,
    nativeRequests: 0,
    unauthorized: 0,
    rateLimited: 0,
    faultsServed: 0,
    abandoned: 0,
  };
}
