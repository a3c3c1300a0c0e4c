import { forwardTo } from '../core/forward-to.ts';
import type { Provider } from '../core/provider.ts';
import { simulateStream } from './simulate-stream.ts';

/** Streams chats and bare prompts by replaying `inner`'s whole answers, for upstreams that
 * cannot stream. The whole answer comes first, so its errors are thrown before any event. */
export function createSimulatedStreamingProvider(inner: Provider): Provider {
  return {
    ...forwardTo(inner),
    async *streamChat(request, context) {
      yield* simulateStream(await inner.chat(request, context));
    },
    async *streamGenerate(request, context) {
      yield* simulateStream(await inner.generate(request, context));
    },
  };
}
