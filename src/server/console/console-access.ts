import type { FastifyReply, FastifyRequest } from 'fastify';
import { isLoopbackHost } from '../../config/build-access-config.ts';
import type { Config } from '../../config/schema.ts';
import { GatewayError } from '../../core/errors.ts';
import { replyWithError } from '../../protocols/openai/reply-with-error.ts';

/** Where the console's API is served; every route below it needs an admin caller. */
export const consoleApiPrefix = '/ui/api/';
/** The console's page, answered without a key (the sign-in screen asks for one). */
export const consoleOpenPaths: readonly string[] = ['/ui', '/ui/'];
/** The console's built assets, answered without a key; /ui/api/ is not among them. */
export const consoleOpenPathPrefixes: readonly string[] = ['/ui/assets/'];

/**
 * The console API's route hook: answers are never cached, and with API keys only a key whose
 * entry says "admin": true gets in (authentication has already refused missing and wrong keys;
 * a request that reached here without a caller anyway is refused too). Without keys the API is
 * open on loopback only: beyond it (INSECURE_NO_AUTH) it is refused with the page, for `refusal`.
 */
export function createAdminCheck(keysConfigured: boolean, refusal: string | null) {
  const refused =
    refusal === null ? null : new GatewayError('permission', refusal, { code: 'console_admin_key_missing' });
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    reply.header('cache-control', 'no-store');
    const { caller } = request;
    if (caller === null) {
      if (!keysConfigured) return refused ? replyWithError(request, reply, refused) : undefined;
      const error = new GatewayError(
        'authentication',
        'The console and /admin/ need an API key with "admin": true.',
        {
          code: 'missing_api_key',
        },
      );
      return replyWithError(request, reply, error);
    }
    if (caller.admin) return;
    const error = new GatewayError(
      'permission',
      `The key of "${caller.name}" may call the API but not use the console or /admin/: set "admin": true on its entry in API_KEYS (e.g. {"${caller.name}":{"key":"…","admin":true}}), or sign in with a key that has it.`,
      { code: 'admin_key_required' },
    );
    return replyWithError(request, reply, error);
  };
}

/** Why /ui must not load: beyond loopback with no admin key configured; null when it may. */
export function consoleRefusal(config: Pick<Config, 'host' | 'access'>): string | null {
  if (isLoopbackHost(config.host) || config.access.apiKeys.some((apiKey) => apiKey.admin)) return null;
  return `This gateway listens beyond this machine (HOST ${config.host}), and the console needs a key with "admin": true in API_KEYS, e.g. API_KEYS='{"ops":{"key":"<long random key>","admin":true}}'. Add one and restart the gateway.`;
}
