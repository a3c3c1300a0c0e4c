// Identical calls answered from a store instead of the upstream, which meters every generation.
// The cache sits right above the upstream provider, so what it keys on is exactly what Salesforce
// would receive (the emulation's instructions included) and an answer it returns goes through the
// same parsing, stop sequences and simulated streaming as a fresh one. Only whole answers are kept:
// a native stream passes by. A cached answer gets a new id and creation time, as a fresh one
// would; its generation id and usage are the original's.
import { createHash, randomUUID } from 'node:crypto';
import { forwardTo } from './forward-to.ts';
import type {
  ChatRequest,
  ChatResult,
  EmbeddingRequest,
  EmbeddingResult,
  TextGenerationRequest,
} from './model.ts';
import type { CacheOutcome, CallContext, Provider } from './provider.ts';
import type { ResponseStore } from './response-store.ts';

/** How long answers are kept, who shares them, and who hears of each use. */
export interface CachingOptions {
  ttlMs: number;
  /** True: every caller reuses every answer; false: each caller (API key) only its own. */
  shared: boolean;
  /** Told of every call the cache saw, e.g. for a metric. */
  onOutcome?: (outcome: CacheOutcome) => void;
  /** The clock a reused answer's creation time comes from. */
  now?: () => number;
}

/** `provider` with its whole chat, text and embedding answers kept in `store` and reused for identical calls. */
export function createCachingProvider(
  provider: Provider,
  store: ResponseStore,
  options: CachingOptions,
): Provider {
  const now = options.now ?? Date.now;
  const cached = <Request, Answer>(
    kind: string,
    call: (request: Request, context: CallContext) => Promise<Answer>,
    renew: (answer: Answer) => Answer,
  ) => {
    return async (request: Request, context: CallContext): Promise<Answer> => {
      const permission = context.cache;
      if (permission === undefined) return call(request, context);
      const key = keyOf(kind, options.shared ? '' : permission.caller, request);
      const report = (outcome: CacheOutcome) => {
        options.onOutcome?.(outcome);
        context.onCacheOutcome?.(outcome);
      };
      if (permission.lookup) {
        const kept = await store.get(key);
        if (kept !== undefined) {
          report('hit');
          return renew(JSON.parse(kept) as Answer);
        }
      }
      const answer = await call(request, context);
      report(permission.lookup ? 'miss' : 'bypass');
      if (permission.store) void store.set(key, JSON.stringify(answer), options.ttlMs);
      return answer;
    };
  };
  const renewChat = (answer: ChatResult): ChatResult => ({
    ...answer,
    id: randomUUID(),
    created: Math.floor(now() / 1000),
  });
  return {
    ...forwardTo(provider),
    chat: cached<ChatRequest, ChatResult>(
      'chat',
      (request, context) => provider.chat(request, context),
      renewChat,
    ),
    generate: cached<TextGenerationRequest, ChatResult>(
      'generate',
      (request, context) => provider.generate(request, context),
      renewChat,
    ),
    embed: cached<EmbeddingRequest, EmbeddingResult>(
      'embed',
      (request, context) => provider.embed(request, context),
      (answer) => answer,
    ),
  };
}

// The request as the upstream receives it, with the scope and the kind of call: equal keys mean
// equal calls. The text is hashed so that a key stays short whatever the prompt's size.
function keyOf(kind: string, scope: string, request: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([kind, scope, request]))
    .digest('base64url');
}
