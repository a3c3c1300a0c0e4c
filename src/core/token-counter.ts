import { countTokens } from 'gpt-tokenizer';
import type { Message } from './model.ts';

// Salesforce publishes no tokenizer and hosts models from several vendors, so counts come from
// OpenAI's o200k_base encoding: a real BPE count, close for every vendor, and far closer than
// characters divided by four.

// special-token markers in user text are ordinary text here, never a reason to fail
const treatSpecialTokensAsText = { disallowedSpecial: new Set<string>() };
// per-message framing (role marker and separators), as chat formats add
const tokensPerMessage = 4;
// long texts (system prompts, tool lists) repeat on every turn; remember their counts
const cachedTextMinimumLength = 256;

/** Bounds of the count cache: it holds the texts themselves, so their size is what matters. */
export interface TokenCounterLimits {
  /** Most texts remembered. */
  maxEntries?: number;
  /** Most characters remembered across all texts (two bytes each in memory). */
  maxCharacters?: number;
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

  /** How many texts and characters the cache holds now. */
  cacheSize(): { entries: number; characters: number } {
    return { entries: this.#cache.size, characters: this.#characters };
  }

  /** Tokens in one text. */
  countText(text: string): number {
    if (text.length < cachedTextMinimumLength) return countTokens(text, treatSpecialTokensAsText);
    const cached = this.#cache.get(text);
    if (cached !== undefined) {
      // refresh its place so the least recently used text is the one dropped
      this.#cache.delete(text);
      this.#cache.set(text, cached);
      return cached;
    }
    const counted = countTokens(text, treatSpecialTokensAsText);
    if (text.length > this.#maxCharacters) return counted;
    this.#cache.set(text, counted);
    this.#characters += text.length;
    // forget the least recently used texts until both bounds hold again
    while (this.#cache.size > this.#maxEntries || this.#characters > this.#maxCharacters) {
      const oldest = this.#cache.keys().next().value as string;
      this.#cache.delete(oldest);
      this.#characters -= oldest.length;
    }
    return counted;
  }

  /** Tokens in a conversation as the upstream would receive it. */
  countMessages(messages: Message[]): number {
    let total = 0;
    for (const message of messages) {
      total += tokensPerMessage;
      for (const part of message.content) {
        if (part.type === 'text') total += this.countText(part.text);
        else if (part.type === 'tool-call')
          total += this.countText(`${part.name} ${JSON.stringify(part.arguments)}`);
        else if (part.type === 'tool-result') total += this.countText(part.content);
      }
    }
    return total;
  }
}
