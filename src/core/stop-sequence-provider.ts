import { forwardTo } from './forward-to.ts';
import type { Provider } from './provider.ts';
import { applyStopSequences } from './stop-sequences.ts';

/** Cuts whole answers at the request's stop sequences, for upstreams that cannot stop by
 * themselves. It wraps emulation, so tool envelopes are parsed before any cut. */
export function createStopSequenceProvider(inner: Provider): Provider {
  return {
    ...forwardTo(inner),
    chat: async (request, context) =>
      applyStopSequences(await inner.chat(request, context), request.stopSequences),
    generate: async (request, context) =>
      applyStopSequences(await inner.generate(request, context), request.stopSequences),
  };
}
