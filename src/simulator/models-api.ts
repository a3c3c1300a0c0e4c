import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodError } from 'zod';
import { renderToolCalls } from '../emulation/tools/envelope.ts';
import { admitModelsRequest } from './admission.ts';
import { modelsApiPath } from './endpoints.ts';
import { buildModelsApiError, buildRequiredFieldMissing } from './error-bodies.ts';
import { buildChatGenerationsBody, buildEmbeddingsBody, buildGenerationsBody } from './generation-bodies.ts';
import type { ModelKind } from './model-definition.ts';
import type { ResolvedModel } from './model-registry.ts';
import type { ChatMessage } from './reply-request.ts';
import {
  chatGenerationsRequestSchema,
  describeValidationError,
  embeddingsRequestSchema,
  feedbackRequestSchema,
  generationsRequestSchema,
} from './request-schemas.ts';
import type { SimulatorState } from './simulator-state.ts';

type ModelRequest = FastifyRequest<{ Params: { model: string } }>;

type Lookup = { model: ResolvedModel } | { status: number; message: string };

function findModel(state: SimulatorState, name: string, kind: ModelKind): Lookup {
  const model = state.registry.resolve(name);
  if (model === undefined) return { status: 404, message: `Model ${name} was not found` };
  if (model.served.kind !== kind) {
    const message = kind === 'embedding' ? 'does not support embeddings' : 'supports embeddings only';
    return { status: state.settings.wrongModelKindStatus, message: `Model ${name} ${message}` };
  }
  return { model };
}

function sendError(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).send(buildModelsApiError(status, message));
}

// A required field is missing when its parent object exists and lacks it; any other failure is a bad value.
function findMissingField(body: unknown, error: ZodError): PropertyKey[] | undefined {
  const issue = error.issues[0];
  if (issue === undefined || issue.path.length === 0) return undefined;
  let parent: unknown = body;
  for (const step of issue.path.slice(0, -1)) {
    if (parent === null || typeof parent !== 'object') return undefined;
    parent = (parent as Record<PropertyKey, unknown>)[step];
  }
  if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) return undefined;
  const value = (parent as Record<PropertyKey, unknown>)[issue.path[issue.path.length - 1] as PropertyKey];
  return value === undefined ? issue.path : undefined;
}

function sendInvalidBody(reply: FastifyReply, body: unknown, error: ZodError): FastifyReply {
  const missing = findMissingField(body, error);
  if (missing !== undefined) return reply.code(400).send(buildRequiredFieldMissing(missing));
  return sendError(reply, 400, describeValidationError(error));
}

function readMessages(endpoint: 'generations' | 'chat-generations', body: unknown) {
  if (endpoint === 'chat-generations') return chatGenerationsRequestSchema.safeParse(body);
  const parsed = generationsRequestSchema.safeParse(body);
  if (!parsed.success) return parsed;
  const messages: ChatMessage[] = [{ role: 'user', content: parsed.data.prompt }];
  return { success: true as const, data: { messages } };
}

async function handleGeneration(
  state: SimulatorState,
  endpoint: 'generations' | 'chat-generations',
  request: ModelRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const name = request.params.model;
  if (!(await admitModelsRequest(state, endpoint, request, reply, name))) return reply;
  const lookup = findModel(state, name, 'chat');
  if (!('model' in lookup)) return sendError(reply, lookup.status, lookup.message);
  const parsed = readMessages(endpoint, request.body);
  if (!parsed.success) return sendInvalidBody(reply, request.body, parsed.error);
  const { messages } = parsed.data;
  const { model } = lookup;
  const { headers, body } = request;
  const servedModel = model.served.name;
  const scripted = await state.replies.next({ endpoint, model: name, servedModel, messages, body, headers });
  const input = {
    model,
    text: [scripted.text, scripted.toolCalls.length > 0 ? renderToolCalls(scripted.toolCalls) : '']
      .filter(Boolean)
      .join('\n\n'),
    finishReason: scripted.finishReason,
    promptCharacters: messages.reduce((total, message) => total + message.content.length, 0),
    nowMs: state.settings.clock(),
    timestampUnit: state.settings.timestampUnit,
  };
  return reply.send(
    endpoint === 'generations' ? buildGenerationsBody(input) : buildChatGenerationsBody(input),
  );
}

async function handleEmbeddings(state: SimulatorState, request: ModelRequest, reply: FastifyReply) {
  const name = request.params.model;
  if (!(await admitModelsRequest(state, 'embeddings', request, reply, name))) return reply;
  const lookup = findModel(state, name, 'embedding');
  if (!('model' in lookup)) return sendError(reply, lookup.status, lookup.message);
  const parsed = embeddingsRequestSchema.safeParse(request.body);
  if (!parsed.success) return sendInvalidBody(reply, request.body, parsed.error);
  return reply.send(buildEmbeddingsBody(lookup.model, parsed.data.input));
}

async function handleFeedback(state: SimulatorState, request: FastifyRequest, reply: FastifyReply) {
  if (!(await admitModelsRequest(state, 'feedback', request, reply, undefined))) return reply;
  const parsed = feedbackRequestSchema.safeParse(request.body);
  if (!parsed.success) return sendInvalidBody(reply, request.body, parsed.error);
  return reply.code(202).send({ message: 'Feedback accepted' });
}

const isModelsApiRequest = (request: FastifyRequest) => request.url.startsWith(`${modelsApiPath}/`);

/**
 * The headers the Envoy-based api gateway puts on every Models API response, errors and unroutable
 * paths included: a fresh `x-request-id` and B3 trace ids. An injected fault may pin the request id.
 */
function addGatewayHeaders(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  if (isModelsApiRequest(request)) {
    reply.header('x-request-id', randomUUID());
    reply.header('x-b3-traceid', randomBytes(16).toString('hex'));
    reply.header('x-b3-spanid', randomBytes(8).toString('hex'));
  }
  done();
}

// Envoy reports the time spent upstream only for requests it routed to a service.
function addUpstreamServiceTime(request: FastifyRequest, reply: FastifyReply) {
  if (isModelsApiRequest(request) && request.routeOptions.url !== undefined) {
    reply.header('x-envoy-upstream-service-time', String(Math.round(reply.elapsedTime)));
  }
}

/** Serves the four `einstein/platform/v1` endpoints. */
export function registerModelsApi(app: FastifyInstance, state: SimulatorState): void {
  app.addHook('onRequest', addGatewayHeaders);
  app.addHook('onSend', async (request, reply) => addUpstreamServiceTime(request, reply));
  const modelPath = `${modelsApiPath}/models/:model`;
  app.post<{ Params: { model: string } }>(`${modelPath}/generations`, (request, reply) =>
    handleGeneration(state, 'generations', request, reply),
  );
  app.post<{ Params: { model: string } }>(`${modelPath}/chat-generations`, (request, reply) =>
    handleGeneration(state, 'chat-generations', request, reply),
  );
  app.post<{ Params: { model: string } }>(`${modelPath}/embeddings`, (request, reply) =>
    handleEmbeddings(state, request, reply),
  );
  app.post(`${modelsApiPath}/feedback`, (request, reply) => handleFeedback(state, request, reply));
}
