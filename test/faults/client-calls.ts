import { type IncomingHttpHeaders, type IncomingMessage, request } from 'node:http';

/** The wire protocol a client speaks. */
export type Protocol = 'openai' | 'anthropic';

/** A whole JSON answer, or a server-sent event stream. */
export type Mode = 'whole' | 'stream';

/** One kind of client request: a protocol in a mode. */
export interface ClientCall {
  protocol: Protocol;
  mode: Mode;
}

/** Every protocol in every mode, the matrix each fault is tried against. */
export const clientCalls: ClientCall[] = [
  { protocol: 'openai', mode: 'whole' },
  { protocol: 'openai', mode: 'stream' },
  { protocol: 'anthropic', mode: 'whole' },
  { protocol: 'anthropic', mode: 'stream' },
];

/** A readable label such as "anthropic stream". */
export function describeCall(call: ClientCall): string {
  return `${call.protocol} ${call.mode}`;
}

/** What came back: the status, the headers and the whole body as text. */
export interface CallResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** No request may take longer than this, whatever the fault: past it the request counts as hung. */
export const requestBoundMs = 10_000;

interface PreparedCall {
  path: string;
  headers: Record<string, string>;
  body: string;
}

function prepareCall(call: ClientCall, prompt: string): PreparedCall {
  const stream = call.mode === 'stream';
  if (call.protocol === 'openai') {
    return {
      path: '/v1/chat/completions',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', stream, messages: [{ role: 'user', content: prompt }] }),
    };
  }
  return {
    path: '/v1/messages',
    // Anthropic clients always send both; the gateway needs no key on loopback without API_KEYS.
    headers: {
      'content-type': 'application/json',
      'anthropic-version': '2023-06-01',
      'x-api-key': 'test-key',
    },
    body: JSON.stringify({
      model: 'claude-sonnet-4-5',
      max_tokens: 256,
      stream,
      messages: [{ role: 'user', content: prompt }],
    }),
  };
}

function post(baseUrl: string, call: ClientCall, prompt: string) {
  const prepared = prepareCall(call, prompt);
  // A fresh connection per call (agent: false): nothing idles in a pool and delays a gateway's close.
  const outgoing = request(new URL(prepared.path, baseUrl), {
    method: 'POST',
    agent: false,
    headers: { ...prepared.headers, 'content-length': String(Buffer.byteLength(prepared.body)) },
  });
  outgoing.end(prepared.body);
  return outgoing;
}

/** Sends one client request and reads the whole answer; rejects when it is not over within the bound. */
export function sendCall(baseUrl: string, call: ClientCall, prompt = 'hello'): Promise<CallResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = post(baseUrl, call, prompt);
    const timer = setTimeout(() => {
      outgoing.destroy();
      reject(new Error(`${describeCall(call)} request hung: no complete answer within ${requestBoundMs} ms`));
    }, requestBoundMs);
    outgoing.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      response.on('end', () => {
        clearTimeout(timer);
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
  });
}

/** A request whose client can walk away before the answer is complete. */
export interface OpenCall {
  /** Resolves with the response once its headers arrive (never, if the client leaves first). */
  response: Promise<IncomingMessage>;
  /** The body text received so far. */
  received(): string;
  /** Destroys the client socket, as a client that gives up does. */
  leave(): void;
}

/** Sends one client request and keeps it open. */
export function openCall(baseUrl: string, call: ClientCall, prompt = 'hello'): OpenCall {
  const outgoing = post(baseUrl, call, prompt);
  const chunks: Buffer[] = [];
  // After leave() the destroyed socket's error is expected.
  outgoing.on('error', () => undefined);
  const response = new Promise<IncomingMessage>((resolve) => {
    outgoing.on('response', (incoming) => {
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', () => undefined);
      resolve(incoming);
    });
  });
  return {
    response,
    received: () => Buffer.concat(chunks).toString('utf8'),
    leave: () => outgoing.destroy(),
  };
}
