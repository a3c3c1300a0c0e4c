import type { NativeRoute } from '../native-route.ts';
import { buildLlmGatewayRequest } from './build-llm-gateway-request.ts';
import { decodeLlmGatewayStream } from './decode-llm-gateway-stream.ts';
import { parseLlmGatewayResponse } from './parse-llm-gateway-response.ts';

/** The Einstein LLM-gateway route of the native surface: one route for Claude, GPT and Gemini
 * aliases; native tools, no reasoning, text-only content. */
export const llmGatewayRoute: NativeRoute = {
  path: (_upstreamModel, stream) => (stream ? '/chat/generations/stream' : '/chat/generations'),
  // The model travels in the body and the path alone decides streaming, so the body is the same.
  buildRequest: (request) => buildLlmGatewayRequest(request),
  parseResponse: parseLlmGatewayResponse,
  decodeStream: decodeLlmGatewayStream,
  streamContentType: /text\/event-stream/,
};
