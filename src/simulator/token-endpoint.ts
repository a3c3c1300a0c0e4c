import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { breakConnection } from './break-connection.ts';
import { tokenPath } from './endpoints.ts';
import { sendTokenFault } from './fault-replies.ts';
import type { TokenErrorBody } from './faults.ts';
import { checkJwtBearerAssertion, jwtBearerGrantType } from './jwt-bearer-check.ts';
import { recordRequest } from './record-request.ts';
import type { SimulatorSettings } from './simulator-settings.ts';
import type { SimulatorState } from './simulator-state.ts';
import { buildTokenResponse } from './token-response.ts';
import { waitWhileConnected } from './wait-while-connected.ts';

interface TokenRejection {
  status: number;
  body: TokenErrorBody;
}

/** Salesforce's answer to a body that is not a form-encoded client-credentials grant. */
export function buildUnsupportedGrantTypeBody(): TokenErrorBody {
  return { error: 'unsupported_grant_type', error_description: 'grant type not supported' };
}

/** True when the request body was sent form-encoded (the only encoding Salesforce accepts here). */
function isFormEncoded(request: FastifyRequest): boolean {
  const mediaType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/x-www-form-urlencoded';
}

// Checks in the order Salesforce reports them: encoding and grant type, then the key, then the secret
// (or, for the JWT bearer flow, the assertion).
function checkTokenRequest(request: FastifyRequest, settings: SimulatorSettings): TokenRejection | undefined {
  const form = isFormEncoded(request) ? (request.body as Record<string, string>) : undefined;
  // an app without the JWT bearer flow refuses its grant type, as for any flow it has not enabled
  if (form?.grant_type === jwtBearerGrantType && settings.jwtBearer) {
    const refusal = checkJwtBearerAssertion(form.assertion, {
      clientId: settings.clientId,
      jwtBearer: settings.jwtBearer,
      revoked: settings.credentialsRevoked,
      nowMs: settings.clock(),
    });
    return refusal && { status: 400, body: refusal };
  }
  if (form?.grant_type !== 'client_credentials') {
    return { status: 400, body: buildUnsupportedGrantTypeBody() };
  }
  if (form.client_id !== settings.clientId) {
    return {
      status: 400,
      body: { error: 'invalid_client_id', error_description: 'client identifier invalid' },
    };
  }
  if (settings.credentialsRevoked || form.client_secret !== settings.clientSecret) {
    return {
      status: settings.invalidClientStatus,
      body: { error: 'invalid_client', error_description: 'invalid client credentials' },
    };
  }
  return undefined;
}

async function handleTokenRequest(
  state: SimulatorState,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const { counters, settings } = state;
  counters.tokenRequests += 1;
  recordRequest(state, 'token', request, undefined);
  const fault = state.tokenFaults.take();
  if (fault !== undefined) {
    counters.faultsServed += 1;
    if (!(await waitWhileConnected(reply, fault.delayMs ?? 0))) {
      state.counters.abandoned += 1;
      return reply.hijack();
    }
    if (fault.connection !== undefined) {
      await breakConnection(reply, fault.connection, state);
      return reply;
    }
    if (fault.status !== undefined) {
      counters.tokenFailures += 1;
      return sendTokenFault(reply, fault.status, fault);
    }
  }
  const rejection = checkTokenRequest(request, settings);
  if (rejection !== undefined) {
    counters.tokenFailures += 1;
    return reply.code(rejection.status).send(rejection.body);
  }
  const issuedAtMs = settings.clock();
  const minted = state.tokens.issue(issuedAtMs);
  return reply.send(
    buildTokenResponse({
      minted,
      issuedAtMs,
      baseUrl: state.baseUrl,
      orgId: settings.orgId,
      clientSecret: settings.clientSecret,
      jwtTokens: settings.issueJwtTokens,
    }),
  );
}

/** Serves `POST /services/oauth2/token` (client credentials, and the JWT bearer flow when configured) on the simulated My Domain host. */
export function registerTokenEndpoint(app: FastifyInstance, state: SimulatorState): void {
  app.post(tokenPath, (request, reply) => handleTokenRequest(state, request, reply));
}
