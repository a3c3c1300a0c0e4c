import type { NativeRoute } from '../native-route.ts';
import { buildBedrockRequest } from './build-bedrock-request.ts';
import { decodeBedrockStream } from './decode-bedrock-stream.ts';
import { parseBedrockResponse } from './parse-bedrock-response.ts';

/** Options of the Bedrock route. */
export interface BedrockRouteOptions {
  /** Send thinking blocks of earlier turns back upstream. Off by default: the observed upstream
   * answers them with 502 "No user context has been created!". */
  keepThinkingHistory?: boolean;
}

/** The Claude route of the native surface: Bedrock InvokeModel bodies and event streams. */
export function createBedrockRoute(options: BedrockRouteOptions = {}): NativeRoute {
  const messageOptions = { keepThinkingHistory: options.keepThinkingHistory ?? false };
  return {
    path: (upstreamModel, stream) =>
      `/model/${encodeURIComponent(upstreamModel)}/${stream ? 'invoke-with-response-stream' : 'invoke'}`,
    buildRequest: (request) => buildBedrockRequest(request, messageOptions),
    parseResponse: parseBedrockResponse,
    decodeStream: decodeBedrockStream,
    // Bedrock's own type is inferred for Salesforce, not documented: a generic binary type is
    // taken too, and the decoder checks every frame's CRCs either way.
    streamContentType: /application\/(vnd\.amazon\.eventstream|octet-stream)/,
  };
}

/** The Bedrock route with default options. */
export const bedrockRoute: NativeRoute = createBedrockRoute();
