import type { Command } from 'commander';
import { SseDecoder } from '../streaming/sse.ts';
import { exitCodes } from './exit-codes.ts';

/** The gateway did not answer at all: refused, unresolvable or silent past the timeout. */
export class GatewayUnreachableError extends Error {
  constructor(url: string, reason: string) {
    super(`cannot reach the gateway at ${url}: ${reason}`);
    this.name = 'GatewayUnreachableError';
  }
}

/** The gateway answered with an error; the message is the one from its error body. */
export class GatewayResponseError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(`the gateway answered ${status}: ${message}`);
    this.name = 'GatewayResponseError';
    this.status = status;
  }
}

/** One OpenAI-style chat message. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** The model chat and generate use unless told otherwise. */
export const defaultChatModel = 'gpt-4o-mini';

/** Flags of every command that talks to a running gateway. */
export interface GatewayFlags {
  url?: string;
  apiKey?: string;
}

/** Adds --url and --api-key. */
export function addGatewayOptions(command: Command): Command {
  return command
    .option('--url <url>', 'gateway base URL (default http://127.0.0.1:$PORT, PORT default 8000)')
    .option(
      '--api-key <key>',
      'API key sent as a Bearer token, when the gateway requires one (default: $SFGW_API_KEY)',
    );
}

/** The URL from --url, else loopback on $PORT. */
export function gatewayUrlFrom(flags: GatewayFlags, environment: NodeJS.ProcessEnv = process.env): string {
  return (flags.url ?? `http://127.0.0.1:${environment.PORT || 8000}`).replace(/\/+$/, '');
}

/** Prints a client failure on stderr and returns its exit code; anything else is rethrown. */
export function reportClientError(error: unknown): number {
  if (error instanceof GatewayUnreachableError) {
    process.stderr.write(`sfgw: ${error.message}\n`);
    return exitCodes.unreachable;
  }
  if (error instanceof GatewayResponseError) {
    process.stderr.write(`sfgw: ${error.message}\n`);
    return exitCodes.failure;
  }
  throw error;
}

const defaultTimeoutMs = 10_000;

/** A small HTTP client for a running gateway, speaking its OpenAI dialect. */
export class GatewayClient {
  readonly url: string;
  readonly #apiKey: string | undefined;

  constructor(flags: GatewayFlags) {
    this.url = gatewayUrlFrom(flags);
    this.#apiKey = apiKeyFrom(flags);
  }

  /** GETs a path and returns the status and parsed JSON body, whatever the status. */
  async get(path: string): Promise<{ status: number; body: unknown }> {
    const response = await this.#fetch(path, { signal: AbortSignal.timeout(defaultTimeoutMs) });
    return { status: response.status, body: await readJson(response) };
  }

  /** GETs a path and returns its JSON body; a non-2xx answer throws GatewayResponseError. */
  async getOk(path: string): Promise<unknown> {
    const { status, body } = await this.get(path);
    if (status < 200 || status > 299) throw new GatewayResponseError(status, errorMessageOf(body));
    return body;
  }

  /** A non-streaming chat completion: the whole response body. */
  async complete(request: Record<string, unknown>, signal?: AbortSignal): Promise<unknown> {
    const response = await this.#post('/v1/chat/completions', { ...request, stream: false }, signal);
    const body = await readJson(response);
    if (!response.ok) throw new GatewayResponseError(response.status, errorMessageOf(body));
    return body;
  }

  /** A streaming chat completion: yields the text of each delta as it arrives. */
  async *streamChat(request: Record<string, unknown>, signal?: AbortSignal): AsyncGenerator<string> {
    const response = await this.#post('/v1/chat/completions', { ...request, stream: true }, signal);
    if (!response.ok || response.body === null) {
      throw new GatewayResponseError(response.status, errorMessageOf(await readJson(response)));
    }
    const decoder = new SseDecoder();
    for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
      for (const event of decoder.push(chunk)) yield* readDelta(event.data, response.status);
    }
    for (const event of decoder.flush()) yield* readDelta(event.data, response.status);
  }

  #post(path: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<Response> {
    return this.#fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    });
  }

  async #fetch(path: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.#apiKey !== undefined) headers.set('authorization', `Bearer ${this.#apiKey}`);
    try {
      return await fetch(`${this.url}${path}`, { ...init, headers });
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError') {
        throw new GatewayUnreachableError(this.url, `no answer within ${defaultTimeoutMs / 1000} s`);
      }
      if (error instanceof TypeError) throw new GatewayUnreachableError(this.url, describeCause(error));
      throw error;
    }
  }
}

function* readDelta(data: string, status: number): Generator<string> {
  if (data === '[DONE]') return;
  const chunk = parseJson(data) as {
    error?: unknown;
    choices?: { delta?: { content?: unknown } }[];
  } | null;
  if (chunk?.error !== undefined) throw new GatewayResponseError(status, errorMessageOf(chunk));
  const content = chunk?.choices?.[0]?.delta?.content;
  if (typeof content === 'string' && content !== '') yield content;
}

/** The message of an OpenAI- or Anthropic-shaped error body, else a short description. */
export function errorMessageOf(body: unknown): string {
  const error = (body as { error?: { message?: unknown } } | null)?.error;
  if (typeof error?.message === 'string') return error.message;
  return typeof body === 'string' && body !== '' ? body.slice(0, 200) : 'no error message';
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  return parseJson(text) ?? text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function describeCause(error: TypeError): string {
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  if (typeof cause?.code === 'string') return cause.code;
  return typeof cause?.message === 'string' ? cause.message : error.message;
}

/** The key from --api-key, else $SFGW_API_KEY, which keeps it out of the shell history and ps. */
export function apiKeyFrom(flags: { apiKey?: string }): string | undefined {
  const fromEnvironment = process.env.SFGW_API_KEY;
  return flags.apiKey ?? (fromEnvironment === '' ? undefined : fromEnvironment);
}
