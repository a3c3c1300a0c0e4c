import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { nativeApiPath } from '../endpoints.ts';
import { isRecord } from '../schema-example.ts';
import type { SimulatorState } from '../simulator-state.ts';
import { admitNativeRequest } from './native-admission.ts';
import { sendNativeError } from './native-errors.ts';
import type { NativeFault } from './native-fault.ts';
import { resolveNativeModel } from './native-models.ts';
import { buildNativeReply } from './native-reply.ts';
import { streamFailureMessage, writeNativeStream } from './native-stream.ts';
import { readResponsesRequest } from './read-responses-request.ts';
import { buildResponseEvents, buildResponseObject, encodeResponseEvent } from './responses-body.ts';

const route = 'responses';

function buildFailureEvent(fault: NativeFault, response: Record<string, unknown>, sequence: number): string {
  const error = { code: 'server_error', message: streamFailureMessage };
  if (fault.stream === 'response-failed') {
    const failed = { ...response, status: 'failed', error, output: [], usage: null };
    return encodeResponseEvent({ type: 'response.failed', response: failed }, sequence);
  }
  return encodeResponseEvent({ type: 'error', ...error, param: null }, sequence);
}

async function handleResponses(state: SimulatorState, request: FastifyRequest, reply: FastifyReply) {
  const body = request.body;
  const streamed = isRecord(body) && body.stream === true;
  const alias = isRecord(body) && typeof body.model === 'string' ? body.model : undefined;
  const admission = await admitNativeRequest(state, route, request, reply, { streamed, model: alias });
  if (!admission.admitted) return reply;
  const reading = readResponsesRequest(body);
  if (!('conversation' in reading)) {
    return sendNativeError(reply, route, reading.status, reading.message, reading.param);
  }
  const model = resolveNativeModel(state, reading.model, route);
  if (!('definition' in model)) return sendNativeError(reply, route, model.status, model.message, 'model');
  const answer = await buildNativeReply(state, route, model, reading.conversation, request, 'call_');
  const response = buildResponseObject(reading.model, answer, state.settings.clock());
  if (!reading.stream) return reply.send(response);
  const events = buildResponseEvents(response).map((event, index) => encodeResponseEvent(event, index));
  await writeNativeStream(state, reply, route, {
    contentType: 'text/event-stream',
    events,
    fault: admission.streamFault,
    buildFailureEvent: (fault, afterEvents) => buildFailureEvent(fault, response, afterEvents),
  });
  return reply;
}

/** Serves the OpenAI Responses-shaped GPT route, `POST /responses` (whole, or SSE with `stream: true`). */
export function registerResponsesRoute(app: FastifyInstance, state: SimulatorState): void {
  app.post(`${nativeApiPath}/responses`, (request, reply) => handleResponses(state, request, reply));
}
