import type { FastifyInstance, FastifyReply } from 'fastify';
import { GatewayError } from '../core/errors.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import { replyWithClientError } from '../protocols/client-protocol.ts';
import { type AdmissionQueue, ShedError } from './admission-queue.ts';

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
    // the common case, a free slot, costs no controller and no listener beyond the release
    let release = options.queue.tryAcquire();
    if (release === undefined) {
      try {
        release = await waitInQueue(options.queue, reply);
      } catch (error) {
        if (!(error instanceof ShedError)) return reply.hijack();
        options.metrics.shedRequests.inc({ reason: error.reason });
        return replyWithClientError(request, reply, shedError(error));
      }
    }
    if (reply.raw.closed) release();
    else reply.raw.once('close', release);
  });
}

// A client that leaves while queued gives up its place in the queue.
async function waitInQueue(queue: AdmissionQueue, reply: FastifyReply): Promise<() => void> {
  const gone = new AbortController();
  const onClose = () => gone.abort(new Error('client closed the connection while queued'));
  reply.raw.once('close', onClose);
  try {
    return await queue.acquire(gone.signal);
  } finally {
    reply.raw.off('close', onClose);
  }
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
