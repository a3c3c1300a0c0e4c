import { request } from 'node:http';

/** A request whose bytes and headers are sent exactly as given. */
export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** The status, headers and text of an answer. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Sends a request over node:http, so that no client library adds a content type, fixes the
 * encoding or refuses a body; only Content-Length is added when a body is sent. */
export function sendRawRequest(baseUrl: string, raw: RawRequest): Promise<RawResponse> {
  const url = new URL(raw.path, baseUrl);
  const body = raw.body === undefined ? undefined : Buffer.from(raw.body);
  const headers = { ...raw.headers, ...(body ? { 'content-length': String(body.length) } : {}) };
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: raw.method ?? 'POST', headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () =>
        resolve({
          status: incoming.statusCode ?? 0,
          headers: incoming.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
