import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config/schema.ts';
import { GatewayError } from '../../core/errors.ts';
import type { ModelInfo } from '../../core/model.ts';
import { replyWithError } from '../../protocols/openai/reply-with-error.ts';
import { consoleApiPrefix, consoleRefusal, createAdminCheck } from './console-access.ts';
import type {
  ConsoleModelList,
  ConsoleRequest,
  ConsoleRequestDetail,
  ConsoleRequestList,
  ConsoleSession,
} from './console-api-types.ts';
import { registerConsoleAssets } from './console-assets.ts';
import { listConsoleModels } from './console-models.ts';
import { type OverviewSources, readOverview } from './console-overview.ts';
import { createKnownSecretCensor } from './known-secret-censor.ts';
import { findUnknownParameter, matchesFilter, parseRequestFilter } from './request-filter.ts';

/** What the console's API reads: the overview's sources, the catalog and the access settings. */
export interface ConsoleDependencies extends OverviewSources {
  config: Pick<Config, 'host' | 'access' | 'salesforce' | 'orgs' | 'redis'>;
  listModels: () => ModelInfo[];
}

/**
 * The operator console: its page and assets (open: they hold no secrets) and its API under
 * /ui/api/ (an admin caller only): session, overview, recent requests and one request, models.
 * Register after authentication, whose hook identifies the caller.
 */
export function registerConsole(app: FastifyInstance, dependencies: ConsoleDependencies): void {
  const { activity } = dependencies;
  const censor = createKnownSecretCensor(dependencies.config);
  const refusal = consoleRefusal(dependencies.config);
  const adminCheck = createAdminCheck(dependencies.config.access.apiKeys.length > 0, refusal);
  // the routes but the requests list take no query: a parameter given to them is a mistake to say
  const adminOnly = {
    onRequest: adminCheck,
    preHandler: async (request: FastifyRequest, reply: FastifyReply) => {
      const unknown = findUnknownParameter(request.query as Record<string, unknown>, []);
      if (unknown) return replyWithError(request, reply, unknown);
    },
  };
  registerConsoleAssets(app, { refusal });

  app.get(
    `${consoleApiPrefix}session`,
    adminOnly,
    async (request): Promise<ConsoleSession> => ({
      key: request.caller?.name ?? null,
      admin: true,
    }),
  );

  app.get(`${consoleApiPrefix}overview`, adminOnly, () => readOverview(dependencies));

  app.get(`${consoleApiPrefix}requests`, { onRequest: adminCheck }, async (request, reply) => {
    let filter: ReturnType<typeof parseRequestFilter>;
    try {
      filter = parseRequestFilter(request.query as Record<string, unknown>);
    } catch (error) {
      return replyWithError(request, reply, error as GatewayError);
    }
    const rows: ConsoleRequest[] = [];
    for (const row of activity.log.newestFirst()) {
      if (rows.length === filter.limit) break;
      if (matchesFilter(row, filter)) rows.push(row);
    }
    const list: ConsoleRequestList = { rows, capturingBodies: activity.captureBodies };
    return list;
  });

  app.get<{ Params: { id: string } }>(
    `${consoleApiPrefix}requests/:id`,
    adminOnly,
    async (request, reply) => {
      const entry = activity.log.find(request.params.id);
      if (entry === undefined) {
        const error = new GatewayError(
          'not_found',
          `No request "${request.params.id}" among the ones the console keeps: it may be older than the last CONSOLE_RECENT_REQUESTS; GET /ui/api/requests lists those kept.`,
          { code: 'request_not_found', param: 'id' },
        );
        return replyWithError(request, reply, error);
      }
      const { requestBody = null, responseBody = null, truncated = false } = entry.bodies ?? {};
      const detail: ConsoleRequestDetail = {
        ...entry.request,
        requestBody: requestBody === null ? null : censor.requestBody(requestBody, truncated),
        responseBody: responseBody === null ? null : censor.responseBody(responseBody, truncated),
        truncated,
      };
      return detail;
    },
  );

  app.get(
    `${consoleApiPrefix}models`,
    adminOnly,
    async (): Promise<ConsoleModelList> => ({
      models: listConsoleModels(dependencies.listModels(), dependencies.surface),
    }),
  );
}
