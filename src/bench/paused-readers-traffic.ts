// The ordinary traffic a paused-readers round sends next to its readers: requests that show
// whether the gateway still serves others, and the readings of its model-request counts.

/** How long one ordinary request took, and how it was answered (0: no answer). */
export interface ProbeOutcome {
  status: number;
  waitedMs: number;
}

/** Model requests running and waiting for a slot, as /health reports them. */
export interface ModelRequestCounts {
  running: number;
  queued: number;
}

/** A chat completions body; the marker in the user text tells the simulator to answer long. */
export function buildChatBody(content: string, stream: boolean) {
  return { model: 'gpt-4o', stream, messages: [{ role: 'user', content }] };
}

/** Sends one short chat request and waits for the whole answer. */
export async function sendProbe(url: string): Promise<ProbeOutcome> {
  const started = performance.now();
  try {
    const response = await postChat(url, buildChatBody('hello', false));
    await response.arrayBuffer();
    return { status: response.status, waitedMs: performance.now() - started };
  } catch {
    return { status: 0, waitedMs: performance.now() - started };
  }
}

/** Streams `count` answers at once with clients that read them whole; resolves with the statuses. */
export async function readStreamsAtOnce(url: string, count: number, content: string): Promise<number[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      try {
        const response = await postChat(url, buildChatBody(content, true));
        await response.arrayBuffer();
        return response.status;
      } catch {
        return 0;
      }
    }),
  );
}

/**
 * Lists the models back to back for `durationMs`: light work that allocates, so the garbage
 * collector runs and RSS shows what is still held rather than what merely was not collected yet.
 * Model lists take no admission slot, so this works while slots are held too.
 */
export async function sendLightTraffic(url: string, durationMs: number): Promise<void> {
  const until = performance.now() + durationMs;
  while (performance.now() < until) {
    try {
      await (await fetch(`${url}/v1/models`, { signal: AbortSignal.timeout(2000) })).arrayBuffer();
    } catch {
      // a missed request only means less traffic
    }
  }
}

/** The counts /health reports; undefined when it does not answer in time (a missed reading, not an empty gateway). */
export async function readModelRequests(url: string): Promise<ModelRequestCounts | undefined> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
    const health = (await response.json()) as { modelRequests?: ModelRequestCounts };
    return health.modelRequests;
  } catch {
    return undefined;
  }
}

function postChat(url: string, body: unknown): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
