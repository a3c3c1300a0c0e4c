import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderToolCalls } from '../emulation/tools/envelope.ts';
import { admitModelsRequest } from './admission.ts';
import { modelsApiPath } from './endpoints.ts';
import { buildModelsApiError } from './error-bodies.ts';
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
  if (!parsed.success) return sendError(reply, 400, describeValidationError(parsed.error));
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
  if (!parsed.success) return sendError(reply, 400, describeValidationError(parsed.error));
  return reply.send(buildEmbeddingsBody(lookup.model, parsed.data.input));
}

async function handleFeedback(state: SimulatorState, request: FastifyRequest, reply: FastifyReply) {
  if (!(await admitModelsRequest(state, 'feedback', request, reply, undefined))) return reply;
  const parsed = feedbackRequestSchema.safeParse(request.body);
  if (!parsed.success) return sendError(reply, 400, describeValidationError(parsed.error));
  return reply.code(202).send({ message: 'Feedback accepted' });
}

/** Serves the four `einstein/platform/v1` endpoints. */
export function registerModelsApi(app: FastifyInstance, state: SimulatorState): void {
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
