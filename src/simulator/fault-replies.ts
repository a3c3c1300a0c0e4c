import type { FastifyReply } from 'fastify';
import { modelsApiPath } from './endpoints.ts';
import {
  buildHtmlErrorPage,
  buildInvalidTokenBody,
  buildModelsApiError,
  buildNativeFaultError,
} from './error-bodies.ts';
import type { ModelsFault, ModelsFaultBody, TokenErrorBody, TokenFault } from './faults.ts';

function sendRawFault(reply: FastifyReply, status: number, body: 'non-json' | 'empty'): FastifyReply {
  reply.code(status);
  if (body === 'empty') return reply.send();
  return reply.type('text/html; charset=utf-8').send(buildHtmlErrorPage(status));
}

function isRawBody(body: ModelsFaultBody | TokenErrorBody): body is 'non-json' | 'empty' {
  return body === 'non-json' || body === 'empty';
}

function buildFaultErrorBody(reply: FastifyReply, status: number, body: 'json' | 'error-object') {
  if (status === 401 && body === 'json') return buildInvalidTokenBody();
  // The same faults serve the native surface, whose LLM-gateway routes keep their own codes.
  const onModelsApi = reply.request.url.startsWith(`${modelsApiPath}/`);
  return onModelsApi || status === 401 ? buildModelsApiError(status) : buildNativeFaultError(status);
}

/**
 * Answers a Models API request with an injected fault. A JSON 401 uses the gateway's token-rejection
 * shape unless the body is `error-object` (the spec's `INVALID_AUTH`); other statuses get the error object.
 */
export function sendModelsFault(reply: FastifyReply, status: number, fault: ModelsFault): FastifyReply {
  if (fault.retryAfterSeconds !== undefined) reply.header('retry-after', String(fault.retryAfterSeconds));
  if (fault.requestId !== undefined) reply.header('x-request-id', fault.requestId);
  const body = fault.body ?? 'json';
  if (isRawBody(body)) return sendRawFault(reply, status, body);
  return reply.code(status).send(buildFaultErrorBody(reply, status, body));
}

// Salesforce answers transient token-endpoint trouble with unknown_error; 4xx gets a generic grant failure.
function defaultTokenErrorBody(status: number): TokenErrorBody {
  if (status >= 500) return { error: 'unknown_error', error_description: 'retry your request' };
  return { error: 'invalid_grant', error_description: 'authentication failure' };
}

/** Answers a token request with an injected fault. */
export function sendTokenFault(reply: FastifyReply, status: number, fault: TokenFault): FastifyReply {
  const body = fault.body ?? 'json';
  if (isRawBody(body)) return sendRawFault(reply, status, body);
  return reply.code(status).send(body === 'json' ? defaultTokenErrorBody(status) : body);
}
