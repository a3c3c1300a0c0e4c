import type { FastifyReply } from 'fastify';
import { buildHtmlErrorPage, buildInvalidTokenBody, buildModelsApiError } from './error-bodies.ts';
import type { FaultBody, ModelsFault, TokenErrorBody, TokenFault } from './faults.ts';

function sendRawFault(reply: FastifyReply, status: number, body: 'non-json' | 'empty'): FastifyReply {
  reply.code(status);
  if (body === 'empty') return reply.send();
  return reply.type('text/html; charset=utf-8').send(buildHtmlErrorPage(status));
}

function isRawBody(body: FaultBody | TokenErrorBody): body is 'non-json' | 'empty' {
  return body === 'non-json' || body === 'empty';
}

/** Answers a Models API request with an injected fault; a JSON 401 uses the gateway's token-rejection shape. */
export function sendModelsFault(reply: FastifyReply, status: number, fault: ModelsFault): FastifyReply {
  if (fault.retryAfterSeconds !== undefined) reply.header('retry-after', String(fault.retryAfterSeconds));
  const body = fault.body ?? 'json';
  if (isRawBody(body)) return sendRawFault(reply, status, body);
  return reply.code(status).send(status === 401 ? buildInvalidTokenBody() : buildModelsApiError(status));
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
