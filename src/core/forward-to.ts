import type { Provider } from './provider.ts';

/** A provider that hands every call to `inner`, for wrappers to override the calls they change.
 * Optional calls are present exactly when `inner` has them. */
export function forwardTo(inner: Provider): Provider {
  const forwarded: Provider = {
    name: inner.name,
    capabilities: inner.capabilities,
    chat: (request, context) => inner.chat(request, context),
    generate: (request, context) => inner.generate(request, context),
    embed: (request, context) => inner.embed(request, context),
    listModels: () => inner.listModels(),
    close: () => inner.close(),
  };
  const { streamChat, streamGenerate, submitFeedback, countPromptTokens } = inner;
  if (streamChat) forwarded.streamChat = (request, context) => streamChat.call(inner, request, context);
  if (streamGenerate) {
    forwarded.streamGenerate = (request, context) => streamGenerate.call(inner, request, context);
  }
  if (submitFeedback) {
    forwarded.submitFeedback = (request, context) => submitFeedback.call(inner, request, context);
  }
  if (countPromptTokens) forwarded.countPromptTokens = (request) => countPromptTokens.call(inner, request);
  return forwarded;
}
