import { GatewayError } from '../../core/errors.ts';
import type {
  ChatRequest,
  ChatResult,
  EmbeddingRequest,
  EmbeddingResult,
  FeedbackRequest,
  FeedbackResult,
  ModelInfo,
  TextGenerationRequest,
} from '../../core/model.ts';
import type { CallContext, Provider, ProviderCapabilities } from '../../core/provider.ts';
import type { CircuitBreakerSet } from '../../transport/circuit-breaker-set.ts';
import type { HttpClient } from '../../transport/http-client.ts';
import { type RetryPolicy, withRetry } from '../../transport/retry.ts';
import type { RetryBudget } from '../../transport/retry-budget.ts';
import { sleep } from '../../transport/sleep.ts';
import type { TokenCache } from '../../transport/token-cache.ts';
import type { CachedToken } from '../../transport/token-store.ts';
import { circuitOpenError } from './circuit-open-error.ts';
import {
  isTokenRejection,
  isUpstreamFailure,
  mapUpstreamError,
  readUpstreamRequestId,
  withClientRetryAfter,
  withDetail,
} from './errors.ts';
import { parseJsonObject } from './json-body.ts';
import { listModelsApiModels } from './model-names.ts';
import {
  buildChatRequest,
  buildEmbeddingsRequest,
  buildFeedbackRequest,
  buildGenerationsRequest,
} from './request.ts';
import { parseChatResponse, parseEmbeddingsResponse, parseGenerationsResponse } from './response.ts';

/** How long a Models API call may take: a base plus an allowance that grows with the prompt. */
export interface UpstreamTimeouts {
  baseMs: number;
  perThousandCharactersMs: number;
  maxMs: number;
}

/** Everything the Salesforce provider is built from. */
export interface SalesforceProviderOptions {
  http: HttpClient;
  tokens: TokenCache;
  retry: RetryPolicy;
  /** Shared by every call of the process, so that retries cannot multiply a failing upstream's load. */
  retryBudget?: RetryBudget;
  timeouts: UpstreamTimeouts;
  /** Stops calling a model (or feedback) after its consecutive failures, until a probe succeeds. */
  breaker?: CircuitBreakerSet;
  /** Told each time a call is refused because the circuit is open. */
  onCircuitRejection?: () => void;
  now?: () => number;
}

// The einstein/platform/v1 surface is plain text in, plain text out: no tools, structured
// output, images, streaming, stop sequences, token limits or sampling settings. The gateway emulates or
// reports what is missing.
const capabilities: ProviderCapabilities = {
  nativeTools: false,
  nativeStructuredOutput: false,
  nativeStreaming: false,
  nativeStopSequences: false,
  nativeMaxTokens: false,
  samplingSettings: false,
  images: false,
  reasoning: false,
  embeddings: true,
  feedback: true,
};

/** The breaker key of feedback calls, which name no model. */
export const feedbackBreakerKey = 'feedback';

// Headers the Models API requires on every call (documented as reserved for future use).
const appHeaders = {
  'x-sfdc-app-context': 'EinsteinGPT',
  'x-client-feature-id': 'ai-platform-models-connected-app',
};

/** The Salesforce Models API (einstein/platform/v1) as a Provider. */
export class SalesforceProvider implements Provider {
  readonly name = 'salesforce';
  readonly capabilities = capabilities;
  readonly #options: SalesforceProviderOptions;
  readonly #now: () => number;
  // Failures to get a token: they say nothing about the Models API, so its breaker ignores them.
  readonly #tokenFailures = new WeakSet<Error>();

  constructor(options: SalesforceProviderOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  async chat(request: ChatRequest, context: CallContext): Promise<ChatResult> {
    const answer = await this.#call(
      request.model,
      modelPath(request.model, 'chat-generations'),
      buildChatRequest(request),
      context,
    );
    return readAnswer(answer, (body) => parseChatResponse(body, this.#now));
  }

  async generate(request: TextGenerationRequest, context: CallContext): Promise<ChatResult> {
    const answer = await this.#call(
      request.model,
      modelPath(request.model, 'generations'),
      buildGenerationsRequest(request.prompt),
      context,
    );
    return readAnswer(answer, (body) => parseGenerationsResponse(body, this.#now));
  }

  async embed(request: EmbeddingRequest, context: CallContext): Promise<EmbeddingResult> {
    const answer = await this.#call(
      request.model,
      modelPath(request.model, 'embeddings'),
      buildEmbeddingsRequest(request.input),
      context,
    );
    return readAnswer(answer, (body) => parseEmbeddingsResponse(body, request.input.length));
  }

  async submitFeedback(request: FeedbackRequest, context: CallContext): Promise<FeedbackResult> {
    const { body } = await this.#call(
      feedbackBreakerKey,
      '/feedback',
      buildFeedbackRequest(request),
      context,
      202,
    );
    return { message: typeof body.message === 'string' ? body.message : 'Feedback accepted' };
  }

  listModels(): ModelInfo[] {
    return listModelsApiModels();
  }

  async close(): Promise<void> {
    await this.#options.http.close();
  }

  async #call(
    breakerKey: string,
    path: string,
    body: unknown,
    context: CallContext,
    successStatus = 200,
  ): Promise<UpstreamAnswer> {
    const breaker = this.#options.breaker?.for(breakerKey);
    if (breaker && !breaker.canAttempt()) {
      this.#options.onCircuitRejection?.();
      const subject = breakerKey === feedbackBreakerKey ? 'feedback' : `model ${breakerKey}`;
      throw circuitOpenError('Salesforce', subject, breaker);
    }
    const payload = JSON.stringify(body);
    const timeoutMs = upstreamTimeoutMs(this.#options.timeouts, context.promptCharacters);
    const operation = () => this.#callWithFreshToken(path, payload, { timeoutMs, successStatus }, context);
    try {
      const result = await this.#retried(operation, context);
      breaker?.recordSuccess();
      return result;
    } catch (error) {
      const tokenFailure = error instanceof Error && this.#tokenFailures.has(error);
      if (context.signal?.aborted || tokenFailure) breaker?.recordInconclusive();
      else if (isUpstreamFailure(error)) breaker?.recordFailure();
      else breaker?.recordSuccess();
      throw withClientRetryAfter(error);
    }
  }

  #retried(operation: () => Promise<UpstreamAnswer>, context: CallContext) {
    return withRetry(operation, this.#options.retry, {
      signal: context.signal,
      budget: this.#options.retryBudget,
      // Backing off after a 429, 423 or 503 is waiting on Salesforce too, not work of the gateway's.
      sleep: (delayMs, signal) => waitOnUpstream(context, () => sleep(delayMs, signal)),
      onRetry: (error, attempt, delayMs) =>
        context.logger.warn({ attempt, delayMs, ...describeFailure(error) }, 'retrying Salesforce call'),
      onRetryRefused: (error, attempt) =>
        context.logger.warn(
          { attempt, ...describeFailure(error) },
          'not retrying Salesforce call: the retry budget is spent',
        ),
    });
  }

  // One attempt, plus one immediate retry with a new token when Salesforce says the token is
  // bad (isTokenRejection: 401, an empty 404, INVALID_AUTH).
  async #callWithFreshToken(
    path: string,
    payload: string,
    expectation: { timeoutMs: number; successStatus: number },
    context: CallContext,
  ): Promise<UpstreamAnswer> {
    for (let refreshed = false; ; refreshed = true) {
      const token = await this.#getToken(context);
      const response = await waitOnUpstream(context, () =>
        this.#options.http.request({
          method: 'POST',
          url: `${token.apiBaseUrl}${path}`,
          headers: {
            authorization: `Bearer ${token.accessToken}`,
            'content-type': 'application/json',
            accept: 'application/json',
            ...appHeaders,
          },
          body: payload,
          signal: context.signal,
          timeoutMs: expectation.timeoutMs,
        }),
      );
      // Per-call logs stay at debug: path, status and Salesforce's request id (to quote to support), never the token.
      const upstreamRequestId = readUpstreamRequestId(response.headers);
      const ids = upstreamRequestId ? { upstreamRequestId } : {};
      context.logger.debug({ path, status: response.status, ...ids }, 'Salesforce call answered');
      if (response.status === expectation.successStatus) {
        const parsed = parseJsonObject(response.body);
        if (parsed) return { body: parsed, upstreamRequestId };
        // 202 means accepted whatever the body says; trying again would file the feedback twice
        if (response.status === 202) return { body: {}, upstreamRequestId };
        throw new GatewayError(
          'upstream_error',
          `Salesforce answered ${response.status} with a body that is not JSON.`,
          {
            retryable: true,
            detail: { upstreamStatus: response.status, ...ids },
          },
        );
      }
      if (isTokenRejection(response.status, response.body) && !refreshed) {
        context.logger.info(
          { path, status: response.status, ...ids },
          'Salesforce rejected the access token; fetching a new one',
        );
        this.#options.tokens.invalidate(token.accessToken);
        continue;
      }
      throw mapUpstreamError(response.status, response.headers, response.body, this.#now());
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

// A parsed answer and the id Salesforce gave the call, which a malformed answer's error keeps.
type UpstreamAnswer = { body: Record<string, unknown>; upstreamRequestId: string | undefined };

function readAnswer<T>(answer: UpstreamAnswer, parse: (body: Record<string, unknown>) => T): T {
  try {
    return parse(answer.body);
  } catch (error) {
    if (!(error instanceof GatewayError) || !answer.upstreamRequestId) throw error;
    throw withDetail(error, { upstreamRequestId: answer.upstreamRequestId });
  }
}

function describeFailure(error: GatewayError): Record<string, unknown> {
  const upstreamRequestId = error.detail?.upstreamRequestId;
  return { kind: error.kind, status: error.status, ...(upstreamRequestId ? { upstreamRequestId } : {}) };
}

/** The timeout of one call whose prompt is `promptCharacters` long. */
export function upstreamTimeoutMs(timeouts: UpstreamTimeouts, promptCharacters: number): number {
  const { baseMs, perThousandCharactersMs, maxMs } = timeouts;
  return Math.min(maxMs, baseMs + Math.ceil(promptCharacters / 1000) * perThousandCharactersMs);
}

/** Runs one wait on Salesforce, telling the request's timer (if any) how long it took. */
export async function waitOnUpstream<T>(context: CallContext, wait: () => Promise<T>): Promise<T> {
  const end = context.upstreamWait?.begin();
  try {
    return await wait();
  } finally {
    end?.();
  }
}

function modelPath(model: string, endpoint: 'chat-generations' | 'generations' | 'embeddings'): string {
  return `/models/${encodeURIComponent(model)}/${endpoint}`;
}
