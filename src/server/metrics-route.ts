import type { FastifyInstance } from 'fastify';
import type { GatewayMetrics } from '../observability/metrics.ts';

/** GET /metrics in the Prometheus text format. */
export function registerMetricsRoute(app: FastifyInstance, metrics: GatewayMetrics): void {
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
