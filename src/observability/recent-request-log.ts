/** One finished client request, as the console lists it (its API answers it as ConsoleRequest). */
export interface RecentRequest {
  /** The request id (x-request-id). */
  id: string;
  /** When it arrived, epoch milliseconds. */
  time: number;
  /** The API key's name; null without keys. */
  key: string | null;
  protocol: 'openai' | 'anthropic' | null;
  method: string;
  /** The route pattern, e.g. /v1/chat/completions. */
  route: string;
  /** The model the client asked for; null when the body named none. */
  model: string | null;
  /** 499 when the client left before an answer. */
  status: number;
  durationMs: number;
  overheadMs: number;
  stream: boolean;
  /** From the answer's usage; null when unknown. */
  inputTokens: number | null;
  outputTokens: number | null;
}

/** The bodies kept of a request when capture is on. */
export interface RequestBodies {
  requestBody: string | null;
  responseBody: string | null;
  truncated: boolean;
}

/** A logged request and, when they were captured, its bodies, as a lookup by id finds them. */
export interface LoggedRequest {
  request: RecentRequest;
  bodies: RequestBodies | null;
}

/** The most recent finished requests in a fixed-size ring: the oldest is dropped once it is full. */
export class RecentRequestLog {
  // Rows and their bodies side by side, so that logging a request adds no object beyond its row.
  readonly #requests: (RecentRequest | undefined)[];
  readonly #bodies: (RequestBodies | null)[];
  #next = 0;
  #size = 0;

  constructor(capacity: number) {
    this.#requests = new Array(capacity);
    this.#bodies = new Array(capacity).fill(null);
  }

  /** Adds a request and its bodies (null when not captured), overwriting the oldest once full. */
  add(request: RecentRequest, bodies: RequestBodies | null): void {
    this.#requests[this.#next] = request;
    this.#bodies[this.#next] = bodies;
    this.#next = (this.#next + 1) % this.#requests.length;
    if (this.#size < this.#requests.length) this.#size += 1;
  }

  /** The requests kept, newest first. */
  *newestFirst(): Generator<RecentRequest> {
    for (let offset = 1; offset <= this.#size; offset++) {
      const request = this.#requests[this.#slot(offset)];
      if (request) yield request;
    }
  }

  /** The request with this id and its bodies, while it is still kept. */
  find(id: string): LoggedRequest | undefined {
    for (let offset = 1; offset <= this.#size; offset++) {
      const slot = this.#slot(offset);
      const request = this.#requests[slot];
      if (request?.id === id) return { request, bodies: this.#bodies[slot] ?? null };
    }
    return undefined;
  }

  // The slot of the request `offset` places back from the newest (1: the newest).
  #slot(offset: number): number {
    const capacity = this.#requests.length;
    return (this.#next - offset + capacity) % capacity;
  }
}
