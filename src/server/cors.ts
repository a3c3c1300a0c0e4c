import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

// What browser clients send (the OpenAI and Anthropic SDKs' own headers included) and what they
// may read back (request ids, rate-limit state, the gateway's extensions).
const allowedHeaders = [
  'authorization',
  'cache-control',
  'content-type',
  'x-api-key',
  'anthropic-version',
  'anthropic-beta',
  'anthropic-dangerous-direct-browser-access',
  'openai-organization',
  'openai-project',
  'x-request-id',
  'x-stainless-arch',
  'x-stainless-async',
  'x-stainless-custom-poll-interval',
  'x-stainless-helper-method',
  'x-stainless-lang',
  'x-stainless-os',
  'x-stainless-package-version',
  'x-stainless-poll-helper',
  'x-stainless-read-timeout',
  'x-stainless-retry-count',
  'x-stainless-runtime',
  'x-stainless-runtime-version',
  'x-stainless-timeout',
];
const exposedHeaders = [
  'x-request-id',
  'request-id',
  'retry-after',
  'retry-after-ms',
  'x-should-retry',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'x-sfgw-ignored-params',
  'x-sfgw-generation-id',
  'x-sfgw-model',
  'x-sfgw-cache',
  'x-sfgw-overhead-ms',
  'x-sfgw-budget-remaining-tokens',
];

/** CORS for the configured origins; with none configured nothing is registered and browsers are refused. */
export async function registerCors(app: FastifyInstance, origins: readonly string[]): Promise<void> {
  if (origins.length === 0) return;
  await app.register(cors, {
    origin: origins.includes('*') ? '*' : [...origins],
    methods: ['GET', 'HEAD', 'POST', 'DELETE', 'OPTIONS'],
    allowedHeaders,
    exposedHeaders,
    maxAge: 600,
  });
}
