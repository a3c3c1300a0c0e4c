// Identical calls answered from a store instead of the upstream, which meters every generation.
// The cache sits above emulation and stop sequences and below simulated streaming: it keeps only
// the answers the gateway accepted (an answer emulation rejected and corrected is never kept, nor
// is a failure), keyed on the request as the client's protocol decoded it plus the surface, and a
// stream on the Models API is replayed from a kept answer like a fresh one. A native stream passes
// by. The warnings the call raised (settings the upstream could not honour) are kept with the
// answer and told again on every reuse. A reused answer gets a new id and creation time, as a
// fresh one would; its generation id and usage are the original's.
import { createHash, randomUUID } from 'node:crypto';
import { forwardTo } from './forward-to.ts';
import type {
  ChatRequest,
  ChatResult,
  EmbeddingRequest,
  EmbeddingResult,
  TextGenerationRequest,
  Warning,
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

// Keying a call serialises and hashes all of it on the event loop (about 5 ms per megabyte here):
// a prompt past this many characters, beyond any model's window anyway, and a chat carrying images
// (whose data the prompt count leaves out) are passed by, so that no request holds up the others.
const maxCachedPromptCharacters = 500_000;

/** What is kept for one call: the answer and the warnings it came with. */
interface KeptAnswer<Answer> {
  answer: Answer;
  warnings: Warning[];
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
    cacheable: (request: Request) => boolean = () => true,
  ) => {
    return async (request: Request, context: CallContext): Promise<Answer> => {
      const permission = context.cache;
      const small = context.promptCharacters <= maxCachedPromptCharacters;
      if (permission === undefined || !small || !cacheable(request)) return call(request, context);
      const key = keyOf([kind, provider.name, options.shared ? '' : permission.caller, request]);
      const report = (outcome: CacheOutcome) => {
        options.onOutcome?.(outcome);
        context.onCacheOutcome?.(outcome);
      };
      if (permission.lookup) {
        const text = await store.get(key);
        if (text !== undefined) {
          const kept = JSON.parse(text) as KeptAnswer<Answer>;
          for (const warning of kept.warnings) context.onWarning?.(warning);
          report('hit');
          return renew(kept.answer);
        }
      }
      const warnings: Warning[] = [];
      const listening: CallContext = {
        ...context,
        onWarning: (warning) => {
          warnings.push(warning);
          context.onWarning?.(warning);
        },
      };
      let answer: Answer;
      try {
        answer = await call(request, listening);
      } finally {
        // the upstream was asked, whether it answered or not
        report(permission.lookup ? 'miss' : 'bypass');
      }
      if (permission.store) {
        void store.set(key, JSON.stringify({ answer, warnings } satisfies KeptAnswer<Answer>), options.ttlMs);
      }
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
      (request) => !request.messages.some((message) => message.content.some((part) => part.type === 'image')),
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

// Equal keys mean equal calls. The text is hashed so that a key stays short whatever the prompt's size.
function keyOf(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}
