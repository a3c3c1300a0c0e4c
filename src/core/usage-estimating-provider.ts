import { forwardTo } from './forward-to.ts';
import type { ChatResult, StreamEvent, Usage } from './model.ts';
import type { Provider } from './provider.ts';
import type { TokenCounter } from './token-counter.ts';

/**
 * True when the upstream reported no usage. Providers read a missing usage as zeros, and a real
 * answer always has at least one prompt token, so all zeros can only mean "none given".
 */
export function isMissingUsage(usage: Usage): boolean {
  return usage.inputTokens === 0 && usage.outputTokens === 0 && usage.totalTokens === 0;
}

/**
 * Counts the prompt and the answer itself, and flags the usage as estimated, for every answer
 * (whole, or a stream's finish) whose upstream gave no usage; reported usage passes untouched.
 * It sits outermost, so it counts the client's prompt and the answer the client receives.
 */
export function createUsageEstimatingProvider(inner: Provider, tokenCounter: TokenCounter): Provider {
  const estimate = (inputTokens: number, answerText: string): Usage => {
    const outputTokens = tokenCounter.countText(answerText);
    return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens, estimated: true };
  };
  const withEstimate = async (result: ChatResult, countPrompt: () => Promise<number>) =>
    isMissingUsage(result.usage)
      ? { ...result, usage: estimate(await countPrompt(), textOfAnswer(result.content)) }
      : result;
  // An iterator, not an async generator: a stream's events pass with one `then` each and no
  // generator hops, since nearly every stream has its usage and only its finish needs a look.
  const estimatedStream = (
    events: AsyncIterable<StreamEvent>,
    countPrompt: () => Promise<number>,
  ): AsyncIterable<StreamEvent> => ({
    [Symbol.asyncIterator]() {
      const iterator = events[Symbol.asyncIterator]();
      const answerPieces: string[] = [];
      const inspect = (
        step: IteratorResult<StreamEvent>,
      ): IteratorResult<StreamEvent> | Promise<IteratorResult<StreamEvent>> => {
        if (step.done === true) return step;
        const event = step.value;
        if (event.type === 'finish' && isMissingUsage(event.usage)) {
          return countPrompt().then((inputTokens) => ({
            done: false,
            value: { ...event, usage: estimate(inputTokens, answerPieces.join('')) },
          }));
        }
        const piece = answerPieceOf(event);
        if (piece !== undefined) answerPieces.push(piece);
        return step;
      };
      return {
        next: () => iterator.next().then(inspect),
        return: (value?: unknown) =>
          iterator.return?.(value) ?? Promise.resolve({ done: true as const, value: undefined }),
        throw: (error?: unknown) => iterator.throw?.(error) ?? Promise.reject(error),
      };
    },
  });
  const wrapped: Provider = {
    ...forwardTo(inner),
    chat: async (request, context) =>
      withEstimate(await inner.chat(request, context), () => tokenCounter.countMessages(request.messages)),
    generate: async (request, context) =>
      withEstimate(await inner.generate(request, context), async () =>
        tokenCounter.countText(request.prompt),
      ),
  };
  const { streamChat, streamGenerate } = inner;
  if (streamChat) {
    wrapped.streamChat = (request, context) =>
      estimatedStream(streamChat.call(inner, request, context), () =>
        tokenCounter.countMessages(request.messages),
      );
  }
  if (streamGenerate) {
    wrapped.streamGenerate = (request, context) =>
      estimatedStream(streamGenerate.call(inner, request, context), async () =>
        tokenCounter.countText(request.prompt),
      );
  }
  return wrapped;
}

// The text the model generated: its words, its reasoning, and its tool calls as name and arguments.
function textOfAnswer(content: ChatResult['content']): string {
  return content
    .map((part) => (part.type === 'tool-call' ? `${part.name} ${JSON.stringify(part.arguments)}` : part.text))
    .join('');
}

function answerPieceOf(event: StreamEvent): string | undefined {
  if (event.type === 'text-delta' || event.type === 'reasoning-delta') return event.delta;
  if (event.type === 'tool-call-start') return `${event.name} `;
  if (event.type === 'tool-call-delta') return event.argumentsDelta;
  return undefined;
}
