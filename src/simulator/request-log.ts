import type { IncomingHttpHeaders } from 'node:http';
import type { RecordedEndpoint } from './endpoints.ts';

/** One request as the simulator received it. */
export interface RecordedRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  /** Model name from the path, for the model endpoints. */
  model: string | undefined;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, the parsed form (token endpoint), or the raw text of any other content type. */
  body: unknown;
  /** Clock time of arrival, epoch milliseconds. */
  receivedAtMs: number;
}

/** Keeps the last N requests per endpoint, oldest first. */
export class RequestLog {
  readonly #capacity: number;
  readonly #entries = new Map<RecordedEndpoint, RecordedRequest[]>();

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Remembers a request, dropping the oldest one past capacity. */
  record(endpoint: RecordedEndpoint, request: RecordedRequest): void {
    const entries = this.#entries.get(endpoint) ?? [];
    entries.push(request);
    if (entries.length > this.#capacity) entries.shift();
    this.#entries.set(endpoint, entries);
  }

  /** A copy of the recorded requests for one endpoint, oldest first. */
  list(endpoint: RecordedEndpoint): RecordedRequest[] {
    return [...(this.#entries.get(endpoint) ?? [])];
  }

  /** Forgets everything. */
  clear(): void {
    this.#entries.clear();
  }
}
