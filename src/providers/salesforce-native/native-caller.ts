import type { CallContext } from '../../core/provider.ts';
import type { CircuitBreakerSet } from '../../transport/circuit-breaker-set.ts';
import type { HttpClient } from '../../transport/http-client.ts';
import type { HttpStreamResponse } from '../../transport/open-http-stream.ts';
import { type RetryPolicy, withRetry } from '../../transport/retry.ts';
import type { RetryBudget } from '../../transport/retry-budget.ts';
import { sleep } from '../../transport/sleep.ts';
import type { TokenCache } from '../../transport/token-cache.ts';
import type { CachedToken } from '../../transport/token-store.ts';
import { circuitOpenError } from '../salesforce/circuit-open-error.ts';
import { isUpstreamFailure, withClientRetryAfter } from '../salesforce/errors.ts';
import {
  type UpstreamTimeouts,
  upstreamTimeoutMs,
  waitOnUpstream,
} from '../salesforce/salesforce-provider.ts';
import { mapNativeError } from './map-native-error.ts';
import { nativeBaseUrl } from './native-base-url.ts';

// Policy of every native call: the shared token, the two Salesforce headers, one immediate
// retry with a new token after a 401, backoff retries of 429 / 423 / 5xx / network errors, and a
// circuit breaker per model. A stream is handed on only once its status and content type are right,
// so retries happen before the first byte reaches the client and never after.

/** Everything a native caller is built from. */
export interface NativeCallerOptions {
  http: HttpClient;
  tokens: Pick<TokenCache, 'get' | 'invalidate'>;
  /** SALESFORCE_NATIVE_API_BASE_URL; absent: derived from the token. */
  baseUrl?: string;
  retry: RetryPolicy;
  /** Shared with the Models API, so that retries of both together stay bounded. */
  retryBudget?: RetryBudget;
  /** The native surface's own breakers, one per model: its failures must not stop a Models API fallback. */
  breaker?: CircuitBreakerSet;
  onCircuitRejection?: () => void;
  /** Bounds a whole answer, and the wait for a stream's headers. */
  timeouts: UpstreamTimeouts;
  /** Longest silence inside a streamed answer. */
  streamIdleTimeoutMs: number;
  now?: () => number;
}

// The same headers as on the Models API; Salesforce lists both as required on this surface.
const appHeaders = {
  'x-sfdc-app-context': 'EinsteinGPT',
  'x-client-feature-id': 'ai-platform-models-connected-app',
};

/** A non-success answer, read whole, for the error mapping. */
interface Refusal {
  refusal: { status: number; headers: Record<string, string | string[] | undefined>; body: string };
}

/** Where a native call goes: the upstream model (its breaker's key) and the path under the native base. */
export interface NativeTarget {
  model: string;
  path: string;
}

type Attempt<T> = (url: string, headers: Record<string, string>, timeoutMs: number) => Promise<T | Refusal>;

/** POSTs JSON bodies to the native surface under the gateway's call policy. */
export class NativeCaller {
  readonly #options: NativeCallerOptions;
  readonly #now: () => number;
  // Failures to get a token say nothing about the native surface, so its breaker ignores them.
  readonly #tokenFailures = new WeakSet<Error>();

  constructor(options: NativeCallerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** A 200 answer to `body`, its JSON read by `parse` inside the attempt: a 200 whose body `parse`
   * finds to be an error (seen under load) is retried and counted by the breaker like a 5xx. */
  send<T>(
    target: NativeTarget,
    body: unknown,
    context: CallContext,
    parse: (answer: unknown) => T,
  ): Promise<T> {
    const payload = JSON.stringify(body);
    return this.#call(target, context, async (url, headers, timeoutMs) => {
      const response = await this.#options.http.request({
        method: 'POST',
        url,
        headers: { ...headers, accept: 'application/json' },
        body: payload,
        signal: context.signal,
        timeoutMs,
      });
      const parsed = response.status === 200 ? parseJson(response.body) : undefined;
      return parsed === undefined ? { refusal: response } : parse(parsed);
    });
  }

  /** A 200 stream whose content type matches `contentType`; any other answer is read as an error. */
  open(
    target: NativeTarget,
    body: unknown,
    contentType: RegExp,
    context: CallContext,
  ): Promise<HttpStreamResponse> {
    const payload = JSON.stringify(body);
    return this.#call(target, context, async (url, headers, timeoutMs) => {
      const response = await this.#options.http.stream({
        method: 'POST',
        url,
        headers,
        body: payload,
        signal: context.signal,
        headersTimeoutMs: timeoutMs,
        idleTimeoutMs: this.#options.streamIdleTimeoutMs,
      });
      const type = String(response.headers['content-type'] ?? '');
      if (response.status === 200 && contentType.test(type)) return response;
      const text = await response.text();
      return { refusal: { status: response.status, headers: response.headers, body: text } };
    });
  }

  async #call<T>(target: NativeTarget, context: CallContext, attempt: Attempt<T>): Promise<T> {
    const { model, path } = target;
    const breaker = this.#options.breaker?.for(model);
    if (breaker && !breaker.canAttempt()) {
      this.#options.onCircuitRejection?.();
      throw circuitOpenError('The Salesforce native surface', `model ${model}`, breaker);
    }
    const timeoutMs = upstreamTimeoutMs(this.#options.timeouts, context.promptCharacters);
    try {
      const result = await withRetry(
        () => this.#withFreshToken(path, context, (url, headers) => attempt(url, headers, timeoutMs)),
        this.#options.retry,
        {
          signal: context.signal,
          budget: this.#options.retryBudget,
          sleep: (delayMs, signal) => waitOnUpstream(context, () => sleep(delayMs, signal)),
          onRetry: (error, retry, delayMs) =>
            context.logger.warn(
              { attempt: retry, delayMs, kind: error.kind, status: error.status },
              'retrying Salesforce native call',
            ),
          onRetryRefused: (error, retry) =>
            context.logger.warn(
              { attempt: retry, kind: error.kind, status: error.status },
              'not retrying Salesforce native call: the retry budget is spent',
            ),
        },
      );
      breaker?.recordSuccess();
      return result;
    } catch (error) {
      const tokenFailure = error instanceof Error && this.#tokenFailures.has(error);
      if (context.signal.aborted || tokenFailure) breaker?.recordInconclusive();
      else if (isUpstreamFailure(error)) breaker?.recordFailure();
      else breaker?.recordSuccess();
      throw withClientRetryAfter(error);
    }
  }

  async #withFreshToken<T>(
    path: string,
    context: CallContext,
    attempt: (url: string, headers: Record<string, string>) => Promise<T | Refusal>,
  ): Promise<T> {
    for (let refreshed = false; ; refreshed = true) {
      const token = await this.#getToken(context);
      const headers = {
        authorization: `Bearer ${token.accessToken}`,
        'content-type': 'application/json',
        ...appHeaders,
      };
      const url = `${nativeBaseUrl(this.#options.baseUrl, token)}${path}`;
      const outcome = await waitOnUpstream(context, () => attempt(url, headers));
      if (!isRefusal(outcome)) return outcome;
      const { status, headers: responseHeaders, body } = outcome.refusal;
      if (status === 401 && !refreshed) {
        context.logger.info({ status }, 'Salesforce rejected the access token; fetching a new one');
        this.#options.tokens.invalidate(token.accessToken);
        continue;
      }
      throw mapNativeError(status, responseHeaders, body, this.#now());
    }
  }

  async #getToken(context: CallContext): Promise<CachedToken> {
    try {
      return await waitOnUpstream(context, () => this.#options.tokens.get());
    } catch (error) {
      if (error instanceof Error) this.#tokenFailures.add(error);
      throw error;
    }
  }
}

function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && 'refusal' in value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
