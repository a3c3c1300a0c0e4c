import type { FastifyReply, FastifyRequest } from 'fastify';
import { breakConnection } from './break-connection.ts';
import type { SimulatorCounters } from './counters.ts';
import type { ModelsEndpoint } from './endpoints.ts';
import { buildInvalidTokenBody, buildModelsApiError } from './error-bodies.ts';
import { sendModelsFault } from './fault-replies.ts';
import { type ModelsFault, matchesModel } from './faults.ts';
import { recordRequest } from './record-request.ts';
import type { SimulatorState } from './simulator-state.ts';
import { waitWhileConnected } from './wait-while-connected.ts';

const counterByEndpoint: Record<ModelsEndpoint, keyof SimulatorCounters> = {
  generations: 'generations',
  'chat-generations': 'chatGenerations',
  embeddings: 'embeddings',
  feedback: 'feedback',
};

const bearerPattern = /^Bearer\s+(\S+)\s*$/i;

// The two "reserved for future use" headers every documented call carries.
/** The two app headers and the values every documented call sends. */
export const appHeaders = [
  ['x-sfdc-app-context', 'EinsteinGPT'],
  ['x-client-feature-id', 'ai-platform-models-connected-app'],
] as const;

/** Answers 401 (or a bare 404 for a non-JWT) unless the bearer token is one the simulator issued and still honours. */
export function rejectBearerToken(state: SimulatorState, request: FastifyRequest, reply: FastifyReply) {
  const token = bearerPattern.exec(request.headers.authorization ?? '')?.[1];
  const verdict = token === undefined ? 'missing' : state.tokens.check(token);
  if (verdict === 'valid') return undefined;
  state.counters.unauthorized += 1;
  // The api.salesforce.com gateway answers an opaque (non-JWT) token with a bare 404.
  if (verdict === 'not-jwt' && state.settings.nonJwtTokenStatus === 404) return reply.code(404).send();
  return reply.code(401).send(buildInvalidTokenBody());
}

function rejectMissingAppHeaders(state: SimulatorState, request: FastifyRequest, reply: FastifyReply) {
  if (!state.settings.requireAppHeaders) return undefined;
  const missing = appHeaders.find(([name, value]) => request.headers[name] !== value);
  if (missing === undefined) return undefined;
  const [name, value] = missing;
  return reply.code(400).send(buildModelsApiError(400, `Header ${name} is missing or not '${value}'`));
}

function rejectOverLimit(state: SimulatorState, endpoint: ModelsEndpoint, reply: FastifyReply) {
  if (state.rateLimiter.tryAcquire(endpoint)) return undefined;
  state.counters.rateLimited += 1;
  const retryAfterSeconds = state.settings.rateLimitRetryAfterSeconds;
  if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds));
  return reply.code(429).send(buildModelsApiError(429, 'Rate limit exceeded'));
}

/**
 * Applies a taken fault (or none) after `baseDelayMs`: waits, then breaks the connection or answers its status.
 * Resolves true when the request may proceed, false when it has been answered or abandoned.
 */
export async function serveFault(
  state: SimulatorState,
  reply: FastifyReply,
  fault: Omit<ModelsFault, 'endpoint'> | undefined,
  baseDelayMs: number,
): Promise<boolean> {
  if (fault !== undefined) state.counters.faultsServed += 1;
  if (!(await waitWhileConnected(reply, baseDelayMs + (fault?.delayMs ?? 0)))) {
    state.counters.abandoned += 1;
    reply.hijack();
    return false;
  }
  if (fault?.connection !== undefined) {
    await breakConnection(reply, fault.connection, state);
    return false;
  }
  if (fault?.status !== undefined) {
    sendModelsFault(reply, fault.status, fault);
    return false;
  }
  return true;
}

/**
 * Everything a Models API request passes before its endpoint logic, in this order: counting and recording,
 * injected faults and slow mode (a delay, then a status or a broken connection), the bearer token, the app
 * headers, the rate limit.
 * Resolves true when the request may proceed, false when it has been answered (or abandoned by the client).
 */
export async function admitModelsRequest(
  state: SimulatorState,
  endpoint: ModelsEndpoint,
  request: FastifyRequest,
  reply: FastifyReply,
  model: string | undefined,
): Promise<boolean> {
  state.counters[counterByEndpoint[endpoint]] += 1;
  recordRequest(state, endpoint, request, model);
  const fault = state.modelsFaults.take(
    (candidate) => (candidate.endpoint ?? endpoint) === endpoint && matchesModel(candidate, model),
  );
  if (!(await serveFault(state, reply, fault, state.settings.slowModeDelayMs))) return false;
  const rejection =
    rejectBearerToken(state, request, reply) ??
    rejectMissingAppHeaders(state, request, reply) ??
    rejectOverLimit(state, endpoint, reply);
  return rejection === undefined;
}
