/** What a liveness watch saw. */
export interface LivenessReport {
  polls: number;
  /** The longest time one GET /livez took to answer, in milliseconds. */
  longestMs: number;
}

/** A running watch; stop() ends it and reports. */
export interface LivenessWatch {
  stop(): Promise<LivenessReport>;
}

/**
 * Polls `GET {url}/livez` back to back, as a second client would, and records the longest wait
 * for an answer. A gateway whose event loop is blocked answers late, so the longest wait is how
 * long the gateway stalled everyone else. A poll that fails counts as an infinitely long wait.
 */
export function watchLiveness(url: string): LivenessWatch {
  let running = true;
  let polls = 0;
  let longestMs = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const response = await fetch(`${url}/livez`);
        await response.arrayBuffer();
        if (response.status !== 200) longestMs = Number.POSITIVE_INFINITY;
      } catch {
        longestMs = Number.POSITIVE_INFINITY;
      }
      longestMs = Math.max(longestMs, performance.now() - started);
      polls += 1;
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { polls, longestMs };
    },
  };
}

/** Runs `action` while watching liveness, and reports both the watch and how long the action took. */
export async function whileWatchingLiveness<Result>(
  url: string,
  action: () => Promise<Result>,
): Promise<{ result: Result; elapsedMs: number; liveness: LivenessReport }> {
  const watch = watchLiveness(url);
  // let the first poll go out before the hostile request does
  await new Promise((resolve) => setTimeout(resolve, 20));
  const started = performance.now();
  try {
    const result = await action();
    return { result, elapsedMs: performance.now() - started, liveness: await watch.stop() };
  } finally {
    await watch.stop();
  }
}
