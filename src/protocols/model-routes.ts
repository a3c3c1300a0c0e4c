import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../core/errors.ts';
import type { ModelInfo } from '../core/model.ts';
import { encodeAnthropicModel, encodeAnthropicModelList } from './anthropic/encode.ts';
import { detectClientProtocol, replyWithClientError } from './client-protocol.ts';
import { encodeModel, encodeModelList } from './openai/encode-models.ts';

/** Where the model routes get their catalog. */
export interface ModelRouteDependencies {
  listModels(): ModelInfo[];
  findModel(id: string): ModelInfo | undefined;
  /** When the catalog was built, epoch milliseconds; shown as the models' creation time. */
  createdAt: number;
}

interface ModelListQuery {
  limit?: string;
  after_id?: string;
  before_id?: string;
}

/** GET /v1/models and /v1/models/{id}, answered in the OpenAI or the Anthropic shape by who asks. */
export function registerModelRoutes(app: FastifyInstance, dependencies: ModelRouteDependencies): void {
  const createdSeconds = Math.floor(dependencies.createdAt / 1000);
  const createdIso = new Date(createdSeconds * 1000).toISOString();
  app.get('/v1/models', async (request) => {
    const models = dependencies.listModels();
    if (detectClientProtocol(request) === 'openai') return encodeModelList(models, createdSeconds);
    const query = request.query as ModelListQuery;
    const limit = query.limit === undefined ? undefined : Number(query.limit);
    return encodeAnthropicModelList(models, createdIso, {
      limit: Number.isFinite(limit) ? limit : undefined,
      afterId: query.after_id,
      beforeId: query.before_id,
    });
  });
  // a wildcard, so that model names containing "/" can be looked up too
  app.get('/v1/models/*', async (request, reply) => {
    const id = (request.params as { '*': string })['*'];
    const model = dependencies.findModel(id);
    if (!model) {
      const message = `The model ${JSON.stringify(id)} does not exist; GET /v1/models lists the available models.`;
      return replyWithClientError(
        request,
        reply,
        new GatewayError('not_found', message, { param: 'model', code: 'model_not_found' }),
      );
    }
    return detectClientProtocol(request) === 'openai'
      ? encodeModel(model, createdSeconds)
      : encodeAnthropicModel(model, createdIso);
  });
}
