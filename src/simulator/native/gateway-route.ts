import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { nativeApiPath } from '../endpoints.ts';
import { isRecord } from '../schema-example.ts';
import type { SimulatorState } from '../simulator-state.ts';
import { buildGatewayBody, buildGatewayChunks, buildScoresChunk } from './gateway-body.ts';
import { admitNativeRequest } from './native-admission.ts';
import { sendNativeError } from './native-errors.ts';
import type { NativeFault } from './native-fault.ts';
import { resolveNativeModel } from './native-models.ts';
import { buildNativeReply } from './native-reply.ts';
import { streamFailureMessage, writeNativeStream } from './native-stream.ts';
import { readGatewayRequest } from './read-gateway-request.ts';

function encodeEvent(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

function buildErrorEvent(fault: NativeFault): string {
  return encodeEvent('error', {
    errorCode: fault.errorCode ?? 'SERVICE_UNAVAILABLE',
    message: streamFailureMessage,
  });
}

async function handleChat(
  state: SimulatorState,
  streamed: boolean,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const route = streamed ? 'chat/generations/stream' : 'chat/generations';
  const body = request.body;
  const alias = isRecord(body) && typeof body.model === 'string' ? body.model : undefined;
  const admission = await admitNativeRequest(state, route, request, reply, { streamed, model: alias });
  if (!admission.admitted) return reply;
  const reading = readGatewayRequest(body);
  if (!('conversation' in reading)) return sendNativeError(reply, route, reading.status, reading.message);
  const model = resolveNativeModel(state, reading.model, route);
  if (!('definition' in model)) return sendNativeError(reply, route, model.status, model.message);
  const answer = await buildNativeReply(state, route, model, reading.conversation, request, 'call_');
  const nowMs = state.settings.clock();
  if (!streamed) return reply.send(buildGatewayBody(model, answer, nowMs));
  const settings = state.settings.native;
  const chunks = buildGatewayChunks(model, answer, nowMs, { idless: settings.idlessToolFragments });
  // Content first, then the Trust Layer's scoring of the finished text, then the end marker.
  const events = [
    ...chunks.map((chunk) => encodeEvent('generation', chunk)),
    encodeEvent('scoringStarted', {}),
    encodeEvent('scores', buildScoresChunk(model, answer, nowMs)),
    encodeEvent('scoringCompleted', {}),
    encodeEvent('generation', settings.bareDone ? 'DONE' : '[DONE]'),
  ];
  await writeNativeStream(state, reply, route, {
    contentType: 'text/event-stream',
    events,
    fault: admission.streamFault,
    buildFailureEvent: buildErrorEvent,
  });
  return reply;
}

/** Serves the Einstein LLM-gateway routes, `POST /chat/generations` and `/chat/generations/stream`. */
export function registerGatewayRoutes(app: FastifyInstance, state: SimulatorState): void {
  app.post(`${nativeApiPath}/chat/generations`, (request, reply) => handleChat(state, false, request, reply));
  app.post(`${nativeApiPath}/chat/generations/stream`, (request, reply) =>
    handleChat(state, true, request, reply),
  );
}
