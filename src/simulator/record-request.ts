import type { FastifyRequest } from 'fastify';
import type { RecordedEndpoint } from './endpoints.ts';
import type { SimulatorState } from './simulator-state.ts';

/** Adds a received request to the state's request log. */
export function recordRequest(
  state: SimulatorState,
  endpoint: RecordedEndpoint,
  request: FastifyRequest,
  model: string | undefined,
): void {
  state.requestLog.record(endpoint, {
    method: request.method,
    url: request.url,
    model,
    headers: { ...request.headers },
    body: request.body,
    receivedAtMs: state.settings.clock(),
  });
}
