import type { FastifyReply } from 'fastify';

/**
 * Waits `delayMs` unless the client goes away first. Resolves true when the response can still be
 * sent, false when the connection closed during the wait (the caller then abandons the reply).
 */
export function waitWhileConnected(reply: FastifyReply, delayMs: number): Promise<boolean> {
  const response = reply.raw;
  if (delayMs <= 0 || response.destroyed) return Promise.resolve(!response.destroyed);
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      response.off('close', onClose);
      resolve(!response.destroyed);
    }, delayMs);
    response.once('close', onClose);
  });
}
