import type { FastifyInstance } from 'fastify';

// Answers are API data for programs, never pages: no MIME sniffing, no framing, no referrer,
// and nothing for shared caches to keep (streams set their own no-cache).

/** The hardening headers, also for answers written straight to a socket. */
export const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/** Adds the hardening headers to every answer, streams and errors included. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(securityHeaders);
  });
}
