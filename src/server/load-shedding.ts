import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../core/errors.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import { type AdmissionQueue, ShedError } from './admission-queue.ts';
import { replyWithClientError } from './client-protocol.ts';

/** Routes whose requests call Salesforce and so hold an admission slot until they end. */
export const modelRoutes = [
  '/v1/chat/completions',
  '/v1/completions',
  '/v1/messages',
  '/v1/responses',
  '/v1/embeddings',
  '/v1/feedback',
] as const;

// How long a shed client is asked to wait: long enough for a slot to free up, short enough that
// the SDKs' own retry (which honours Retry-After) still feels immediate.
const shedRetryAfterSeconds = 2;

/**
 * Each model request takes a slot once its body is parsed and gives it back when its response
 * ends (streams included), so the queue bounds the work in progress, not just arrivals.
 */
export function registerLoadShedding(
  app: FastifyInstance,
  options: { queue: AdmissionQueue; metrics: GatewayMetrics },
): void {
  const admitted = new Set<string>(modelRoutes);
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || !admitted.has(request.routeOptions.url ?? '')) return;
    const gone = new AbortController();
    const onClose = () => gone.abort(new Error('client closed the connection while queued'));
    reply.raw.once('close', onClose);
    try {
      const release = await options.queue.acquire(gone.signal);
      reply.raw.off('close', onClose);
      if (reply.raw.closed) release();
      else reply.raw.once('close', release);
    } catch (error) {
      reply.raw.off('close', onClose);
      if (!(error instanceof ShedError)) return reply.hijack();
      options.metrics.shedRequests.inc({ reason: error.reason });
      return replyWithClientError(request, reply, shedError(error));
    }
  });
}

function shedError(error: ShedError): GatewayError {
  const message =
    error.reason === 'queue_full'
      ? 'The gateway is at capacity and its queue is full; retry shortly.'
      : 'The gateway is at capacity and this request waited too long for a turn; retry shortly.';
  return new GatewayError('upstream_unavailable', message, {
    status: 503,
    code: 'gateway_overloaded',
    retryAfterSeconds: shedRetryAfterSeconds,
  });
}
