import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { nativeApiPath } from '../endpoints.ts';
import type { SimulatorState } from '../simulator-state.ts';
import { buildBedrockEvents, buildBedrockMessage } from './bedrock-message.ts';
import { encodeChunkFrame, encodeExceptionFrame } from './event-stream-frames.ts';
import { admitNativeRequest } from './native-admission.ts';
import { sendNativeError } from './native-errors.ts';
import type { NativeFault } from './native-fault.ts';
import { resolveNativeModel } from './native-models.ts';
import { buildNativeReply } from './native-reply.ts';
import { writeNativeStream } from './native-stream.ts';
import { readBedrockRequest } from './read-bedrock-request.ts';
import { splitAtRandomOffsets } from './split-writes.ts';
import { createStreamRandom } from './stream-randomness.ts';

type AliasRequest = FastifyRequest<{ Params: { alias: string } }>;

const exceptionMessages = {
  throttlingException: 'Too many requests, please wait before trying again.',
  modelStreamErrorException: 'The model stream failed to complete.',
  internalServerException: 'The server encountered an internal error.',
  modelTimeoutException: 'The model took too long to respond.',
  serviceUnavailableException: 'The service is temporarily unavailable.',
  validationException: 'The request was invalid.',
} as const;

function buildExceptionFrame(fault: NativeFault): Uint8Array {
  const type = fault.exceptionType ?? 'throttlingException';
  return encodeExceptionFrame(type, exceptionMessages[type]);
}

async function handleInvoke(
  state: SimulatorState,
  streamed: boolean,
  request: AliasRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const route = streamed ? 'invoke-with-response-stream' : 'invoke';
  const { alias } = request.params;
  const admission = await admitNativeRequest(state, route, request, reply, { streamed, model: alias });
  if (!admission.admitted) return reply;
  const model = resolveNativeModel(state, alias, route);
  if (!('definition' in model)) return sendNativeError(reply, route, model.status, model.message);
  const settings = state.settings.native;
  const reading = readBedrockRequest(request.body, model, settings);
  if (!('conversation' in reading)) return sendNativeError(reply, route, reading.status, reading.message);
  const answer = await buildNativeReply(state, route, model, reading.conversation, request, 'toolu_bdrk_');
  const message = buildBedrockMessage(model, answer);
  if (!streamed) return reply.send(message);
  const random = createStreamRandom(settings);
  const events = buildBedrockEvents(message, {
    invocationMetrics: settings.invocationMetrics,
    latencyMs: 10 + settings.deltaDelayMs * 20,
  });
  const frameOptions = {
    padding: settings.framePadding,
    shuffleHeaders: settings.shuffleFrameHeaders,
    random,
  };
  await writeNativeStream(state, reply, route, {
    contentType: 'application/vnd.amazon.eventstream',
    events: events.map((event) => encodeChunkFrame(event, frameOptions)),
    fault: admission.streamFault,
    buildFailureEvent: buildExceptionFrame,
    split: settings.splitFrames ? (frame) => splitAtRandomOffsets(frame, random) : undefined,
  });
  return reply;
}

/** Serves the Bedrock-shaped Claude routes: `/model/{alias}/invoke` and `/invoke-with-response-stream`. */
export function registerBedrockRoutes(app: FastifyInstance, state: SimulatorState): void {
  const modelPath = `${nativeApiPath}/model/:alias`;
  app.post<{ Params: { alias: string } }>(`${modelPath}/invoke`, (request, reply) =>
    handleInvoke(state, false, request, reply),
  );
  app.post<{ Params: { alias: string } }>(`${modelPath}/invoke-with-response-stream`, (request, reply) =>
    handleInvoke(state, true, request, reply),
  );
}
