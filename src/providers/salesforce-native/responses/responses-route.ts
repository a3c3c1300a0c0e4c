import type { NativeRoute } from '../native-route.ts';
import { buildResponsesRequest } from './build-responses-request.ts';
import { decodeResponsesStream } from './decode-responses-stream.ts';
import { parseResponsesResponse } from './parse-responses-response.ts';

/** The GPT route of the native surface: OpenAI Responses shapes on `/responses`, SSE when streaming. */
export const responsesRoute: NativeRoute = {
  // one path for both: the body's `stream` flag decides, and the model travels in the body
  path: () => '/responses',
  buildRequest: buildResponsesRequest,
  parseResponse: parseResponsesResponse,
  decodeStream: decodeResponsesStream,
  streamContentType: /text\/event-stream/,
};
