/** One upstream HTTP exchange; `timeoutMs` bounds headers and body together. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  timeoutMs: number;
}

/** One finished upstream exchange, as reported to metrics. */
export interface HttpExchange {
  method: HttpRequest['method'];
  url: URL;
  /** The HTTP status, or why there is none. */
  status: number | 'timeout' | 'aborted' | 'network-error';
  /** From sending the request to reading the whole body (or failing). */
  durationMs: number;
}
