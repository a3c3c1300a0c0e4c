import { GatewayError } from '../../core/errors.ts';
import type { ChatRequest, RequestSetting, TextGenerationRequest } from '../../core/model.ts';
import type { CallContext, ProviderCapabilities } from '../../core/provider.ts';

const samplingSettings = [
  'temperature',
  'topP',
  'topK',
  'seed',
  'presencePenalty',
  'frequencyPenalty',
] as const;

/** Why a request goes to the Models API: its surface is models, or the native surface cannot route it. */
export type FallbackReason = 'chosen' | 'unroutable';

/** Before a request that was accepted for the native surface goes to the Models API instead:
 * images it cannot take are refused, and settings it ignores are reported as ignored. */
export function reportFallbackGaps(
  request: ChatRequest | TextGenerationRequest,
  capabilities: ProviderCapabilities,
  context: CallContext,
  reason: FallbackReason = 'unroutable',
): void {
  if (!capabilities.images && 'messages' in request && hasImages(request)) {
    // Refused as the pipeline refuses images on the Models API, naming the part.
    if (reason === 'chosen') {
      throw new GatewayError(
        'invalid_request',
        `This part is an image, but ${request.model} is served by the Models API, which accepts text only; send the content as text.`,
        { target: { type: 'image', index: 0 }, code: 'unsupported_content' },
      );
    }
    throw new GatewayError(
      'invalid_request',
      `The Salesforce native surface cannot serve ${request.model} for this org, and the Models API that serves it instead takes no images; send the request without images.`,
      { code: 'images_unsupported' },
    );
  }
  const ignored: RequestSetting[] = [];
  if (!capabilities.samplingSettings) {
    ignored.push(...samplingSettings.filter((setting) => request.sampling[setting] !== undefined));
  }
  if (!capabilities.nativeMaxTokens && request.maxOutputTokens !== undefined) ignored.push('maxOutputTokens');
  // A request that turns reasoning off is honoured by an upstream that never reasons.
  const wantsReasoning =
    'reasoning' in request && request.reasoning !== undefined && request.reasoning.mode !== 'disabled';
  if (!capabilities.reasoning && wantsReasoning) {
    ignored.push('reasoning');
  }
  for (const setting of ignored) context.onWarning?.({ type: 'ignored-setting', setting });
}

function hasImages(request: ChatRequest): boolean {
  return request.messages.some((message) => message.content.some((part) => part.type === 'image'));
}
