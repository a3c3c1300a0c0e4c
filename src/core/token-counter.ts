import { createRequire } from 'node:module';
import { EventLoopYielder } from './event-loop-yielder.ts';
import type { Message } from './model.ts';
import { piecesForCounting } from './pieces-for-counting.ts';

// Salesforce publishes no tokenizer and hosts models from several vendors, so counts come from
// OpenAI's o200k_base encoding: a real BPE count, close for every vendor, and far closer than
// characters divided by four.

// special-token markers in user text are ordinary text here, never a reason to fail
const treatSpecialTokensAsText = { disallowedSpecial: new Set<string>() };
// The tokenizer remembers merged pre-tokens in one process-wide map, and evicting its oldest entry
// walks over the slots of earlier evictions: at its default of 100,000 entries, text full of
// distinct words (random strings, base64) makes each new one cost about 90 µs, and slows every later
// count that needs merging (1 MB of CJK text: from 0.1 s to 6 s after 2 MB of random text).
const tokenizerMergeCacheEntries = 1_000;
// per-message framing (role marker and separators), as chat formats add
const tokensPerMessage = 4;
// long texts (system prompts, tool lists) repeat on every turn; remember their counts
const cachedTextMinimumLength = 256;
// a conversation being counted keeps other requests waiting no longer than this, plus one piece
const workSliceMilliseconds = 5;

// The o200k tables take about 70 MiB of RSS, so they are loaded on the first real count: a gateway
// whose prompts all fit under the byte bound below never loads them. Loaded with a synchronous
// require (the package ships CommonJS too) so that countText stays synchronous.
type Tokenizer = typeof import('gpt-tokenizer');
const require = createRequire(import.meta.url);
let loadedTokenizer: Tokenizer | undefined;
function tokenizer(): Tokenizer {
  if (loadedTokenizer === undefined) {
    loadedTokenizer = require('gpt-tokenizer') as Tokenizer;
    loadedTokenizer.setMergeCacheSize(tokenizerMergeCacheEntries);
  }
  return loadedTokenizer;
}

/** Bounds of the count cache: it holds the texts themselves, so their size is what matters. */
export interface TokenCounterLimits {
  /** Most texts remembered. */
  maxEntries?: number;
  /** Most characters remembered across all texts (two bytes each in memory). */
  maxCharacters?: number;
}

/** How far countMessages goes. */
export interface CountMessagesOptions {
  /** Stop once the total passes this; the total returned is then above it, but partial. */
  stopAbove?: number;
}

/** Counts prompt tokens, remembering the counts of long texts that recur across requests. */
export class TokenCounter {
  readonly #cache = new Map<string, number>();
  readonly #maxEntries: number;
  readonly #maxCharacters: number;
  #characters = 0;

  constructor(limits: TokenCounterLimits = {}) {
    this.#maxEntries = limits.maxEntries ?? 1_000;
    this.#maxCharacters = limits.maxCharacters ?? 8_000_000;
  }

  /**
   * True when the conversation surely has at most `limit` tokens, decided without the tokenizer:
   * every token is at least one UTF-8 byte, so framing plus bytes bounds countMessages from above.
   */
  surelyWithin(messages: Message[], limit: number): boolean {
    let bound = 0;
    for (const message of messages) {
      bound += tokensPerMessage;
      for (const part of message.content) {
        // a UTF-16 unit is at most 3 UTF-8 bytes: a short text fits without its bytes being counted
        const quick = part.type === 'text' ? part.text.length * 3 : Number.POSITIVE_INFINITY;
        bound += bound + quick <= limit ? quick : bytesBound(part);
        if (bound > limit) return false;
      }
      if (bound > limit) return false;
    }
    return true;
  }

  /** How many texts and characters the cache holds now. */
  cacheSize(): { entries: number; characters: number } {
    return { entries: this.#cache.size, characters: this.#characters };
  }

  /** Tokens in one text, counted at once in time linear in its length; see countMessages. */
  countText(text: string): number {
    const cached = this.#recall(text);
    if (cached !== undefined) return cached;
    let counted = 0;
    const { countTokens } = tokenizer();
    for (const piece of piecesForCounting(text)) counted += countTokens(piece, treatSpecialTokensAsText);
    this.#remember(text, counted);
    return counted;
  }

  /**
   * Tokens in a conversation as the upstream would receive it, letting other work run every few
   * milliseconds.
   */
  async countMessages(messages: Message[], options: CountMessagesOptions = {}): Promise<number> {
    const stopAbove = options.stopAbove ?? Number.POSITIVE_INFINITY;
    const yielder = new EventLoopYielder(workSliceMilliseconds);
    let total = 0;
    for (const message of messages) {
      if (total > stopAbove) break;
      total += tokensPerMessage;
      for (const text of textsOf(message)) {
        if (total > stopAbove) break;
        total += await this.#countTextYielding(text, stopAbove - total, yielder);
      }
    }
    return total;
  }

  // countText with a turn for the event loop between pieces; a count stopped above `stopAbove`
  // is partial, so it is not remembered.
  async #countTextYielding(text: string, stopAbove: number, yielder: EventLoopYielder): Promise<number> {
    await yielder.yieldWhenDue();
    const cached = this.#recall(text);
    if (cached !== undefined) return cached;
    const { countTokens } = tokenizer();
    let counted = 0;
    for (const piece of piecesForCounting(text)) {
      counted += countTokens(piece, treatSpecialTokensAsText);
      if (counted > stopAbove) return counted;
      await yielder.yieldWhenDue();
    }
    this.#remember(text, counted);
    return counted;
  }

  #recall(text: string): number | undefined {
    if (text.length < cachedTextMinimumLength) return undefined;
    const cached = this.#cache.get(text);
    if (cached === undefined) return undefined;
    // refresh its place so the least recently used text is the one dropped
    this.#cache.delete(text);
    this.#cache.set(text, cached);
    return cached;
  }

  #remember(text: string, tokens: number): void {
    if (text.length < cachedTextMinimumLength || text.length > this.#maxCharacters) return;
    // two conversations counted at once may both finish the same text
    if (this.#cache.delete(text)) this.#characters -= text.length;
    this.#cache.set(text, tokens);
    this.#characters += text.length;
    // forget the least recently used texts until both bounds hold again
    while (this.#cache.size > this.#maxEntries || this.#characters > this.#maxCharacters) {
      const oldest = this.#cache.keys().next().value as string;
      this.#cache.delete(oldest);
      this.#characters -= oldest.length;
    }
  }
}

// UTF-8 bytes of what textsOf yields for one part, an upper bound of its tokens.
function bytesBound(part: Message['content'][number]): number {
  if (part.type === 'text') return Buffer.byteLength(part.text, 'utf8');
  if (part.type === 'tool-call') {
    const argumentsText = String(JSON.stringify(part.arguments));
    return Buffer.byteLength(part.name, 'utf8') + 1 + Buffer.byteLength(argumentsText, 'utf8');
  }
  if (part.type === 'tool-result') return Buffer.byteLength(part.content, 'utf8');
  return 0;
}

// The parts of a message that reach the model as text; tool calls as the name and JSON arguments.
function* textsOf(message: Message): Generator<string> {
  for (const part of message.content) {
    if (part.type === 'text') yield part.text;
    else if (part.type === 'tool-call') yield `${part.name} ${JSON.stringify(part.arguments)}`;
    else if (part.type === 'tool-result') yield part.content;
  }
}
