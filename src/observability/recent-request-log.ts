/** One finished client request, as the console lists it (the shape of ConsoleRequest). */
export interface RecentRequest {
  id: string;
  /** Arrival, epoch milliseconds. */
  time: number;
  key: string | null;
  protocol: 'openai' | 'anthropic' | null;
  method: string;
  route: string;
  model: string | null;
  status: number;
  durationMs: number;
  overheadMs: number;
  stream: boolean;
  inputTokens: number | null;
  outputTokens: number | null;
}

/** The bodies kept of a request when capture is on. */
export interface RequestBodies {
  requestBody: string | null;
  responseBody: string | null;
  truncated: boolean;
}

/** A logged request and, when they were captured, its bodies. */
export interface LoggedRequest {
  request: RecentRequest;
  bodies: RequestBodies | null;
}

/** The most recent finished requests in a fixed-size ring: the oldest is dropped once it is full. */
export class RecentRequestLog {
  readonly #entries: (LoggedRequest | undefined)[];
  #next = 0;
  #size = 0;

  constructor(capacity: number) {
    this.#entries = new Array(capacity);
  }

  /** Adds a request, overwriting the oldest once the ring is full. */
  add(entry: LoggedRequest): void {
    this.#entries[this.#next] = entry;
    this.#next = (this.#next + 1) % this.#entries.length;
    if (this.#size < this.#entries.length) this.#size += 1;
  }

  /** The requests kept, newest first. */
  *newestFirst(): Generator<LoggedRequest> {
    const capacity = this.#entries.length;
    for (let offset = 1; offset <= this.#size; offset++) {
      const entry = this.#entries[(this.#next - offset + capacity) % capacity];
      if (entry) yield entry;
    }
  }

  /** The request with this id, while it is still kept. */
  find(id: string): LoggedRequest | undefined {
    for (const entry of this.newestFirst()) if (entry.request.id === id) return entry;
    return undefined;
  }
}
