import type { FastifyRequest } from 'fastify';

/** The route pattern, never the raw URL, so labels stay few; unknown endpoints share one label. */
export function routePattern(request: FastifyRequest): string {
  return request.routeOptions.url ?? 'unmatched';
}
