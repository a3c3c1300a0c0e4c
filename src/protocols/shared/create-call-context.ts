import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { ChatRequest, Warning } from '../../core/model.ts';
import type { CacheOutcome, CachePermission, CallContext } from '../../core/provider.ts';
import type { StreamObserver } from '../../streaming/write-sse.ts';
import { abortOnDisconnect } from './abort-on-disconnect.ts';

/** A call context, the controller that aborts it, and who watches a streamed answer. */
export interface CallContextHandle {
  context: CallContext;
  abortController: AbortController;
  /** The request's telemetry when the app observes requests. */
  streamObserver: StreamObserver | undefined;
  /** What the pipeline and provider could not honour as asked, in the order they said so. */
  warnings: readonly Warning[];
  /** The public model the pipeline fell back to (MODEL_FALLBACKS), set through the context; undefined when none. */
  fallbackModel: string | undefined;
  /** What the response cache did for the request, its upstream calls taken together; undefined without a cache. */
  cacheOutcome: CacheOutcome | undefined;
}

/** The per-call context for a chat request, with a controller aborted when the client disconnects. */
export function createCallContext(
  request: FastifyRequest,
  reply: FastifyReply,
  chatRequest: ChatRequest,
): CallContextHandle {
  return createCallContextForPrompt(request, reply, countPromptCharacters(chatRequest));
}

/** The per-call context for any request whose prompt size is already known (text, embeddings, feedback). */
export function createCallContextForPrompt(
  request: FastifyRequest,
  reply: FastifyReply,
  promptCharacters: number,
): CallContextHandle {
  const abortController = new AbortController();
  abortOnDisconnect(reply.raw, abortController);
  const warnings: Warning[] = [];
  const context: CallContext = {
    requestId: request.id,
    signal: abortController.signal,
    // The app is built with a pino loggerInstance, so request.log is a pino child logger.
    logger: request.log as Logger,
    promptCharacters,
    upstreamWait: request.telemetry ?? undefined,
    onWarning: (warning) => warnings.push(warning),
    onModelFallback: (publicModel) => {
      handle.fallbackModel = publicModel;
    },
    cache: readCachePermission(request),
    onCacheOutcome: (outcome) => {
      handle.cacheOutcome = combineCacheOutcomes(handle.cacheOutcome, outcome);
    },
  };
  const handle: CallContextHandle = {
    context,
    abortController,
    streamObserver: request.telemetry ?? undefined,
    warnings,
    fallbackModel: undefined,
    cacheOutcome: undefined,
  };
  return handle;
}

// Cache-Control, as an HTTP cache reads it: no-cache asks for a fresh answer (still kept),
// no-store for one that is neither read nor kept.
function readCachePermission(request: FastifyRequest): CachePermission {
  const caller = request.caller?.name ?? '';
  const header = request.headers['cache-control'];
  // most clients send none: nothing to read
  if (header === undefined) return { caller, lookup: true, store: true };
  const directives = header.toLowerCase();
  const store = !directives.includes('no-store');
  return { caller, lookup: store && !directives.includes('no-cache'), store };
}

// A request answered wholly from the cache is a hit; one that reached the upstream at all is not.
const outcomeWeight: Record<CacheOutcome, number> = { hit: 0, miss: 1, bypass: 2 };
function combineCacheOutcomes(current: CacheOutcome | undefined, next: CacheOutcome): CacheOutcome {
  return current === undefined || outcomeWeight[next] > outcomeWeight[current] ? next : current;
}

function countPromptCharacters(chatRequest: ChatRequest): number {
  let characters = 0;
  for (const message of chatRequest.messages) {
    for (const part of message.content) {
      if (part.type === 'text') characters += part.text.length;
      else if (part.type === 'tool-result') characters += part.content.length;
    }
  }
  return characters;
}
