import { GatewayError } from './errors.ts';
import { forwardTo } from './forward-to.ts';
import type { Message } from './model.ts';
import type { Provider } from './provider.ts';
import type { TokenCounter } from './token-counter.ts';

/** What the prompt limit is built from. */
export interface PromptLimitOptions {
  tokenCounter: TokenCounter;
  /** Largest prompt, in tokens, sent upstream; larger ones get "prompt is too long". */
  promptTokenLimit: number;
}

/**
 * Refuses every whole-answer call whose prompt is over the limit before it reaches `inner`, and
 * counts prompts for count_tokens. It sits right above the upstream so that it sees each call as
 * sent, emulation's instructions and follow-up calls included. Native streams pass unchecked.
 */
export function createPromptLimitedProvider(inner: Provider, options: PromptLimitOptions): Provider {
  const { tokenCounter, promptTokenLimit } = options;
  // Clients such as Claude Code compact their history when they read these exact words. Counting
  // stops once past the limit: a 10 MB prompt costs no more than one just over it. A prompt whose
  // UTF-8 bytes already fit under the limit is not counted at all (nor the tokenizer loaded).
  const countAgainstLimit = async (messages: Message[]): Promise<void> => {
    const tokens = await tokenCounter.countMessages(messages, { stopAbove: promptTokenLimit });
    if (tokens <= promptTokenLimit) return;
    throw new GatewayError(
      'invalid_request',
      `prompt is too long: ${tokens} tokens > ${promptTokenLimit} maximum`,
      { param: 'messages', code: 'context_length_exceeded' },
    );
  };
  return {
    ...forwardTo(inner),
    async chat(request, context) {
      // the usual short prompt is decided here, without another promise to await
      if (!tokenCounter.surelyWithin(request.messages, promptTokenLimit))
        await countAgainstLimit(request.messages);
      return inner.chat(request, context);
    },
    async generate(request, context) {
      const messages: Message[] = [{ role: 'user', content: [{ type: 'text', text: request.prompt }] }];
      if (!tokenCounter.surelyWithin(messages, promptTokenLimit)) await countAgainstLimit(messages);
      return inner.generate(request, context);
    },
    countPromptTokens: (request) => tokenCounter.countMessages(request.messages),
  };
}
