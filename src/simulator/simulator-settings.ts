import type { FastifyServerOptions } from 'fastify';
import type { ModelsEndpoint } from './endpoints.ts';
import type { TimestampUnit } from './generation-bodies.ts';
import type { SimulatedJwtBearer } from './jwt-bearer-check.ts';
import type { ModelDefinition } from './model-definition.ts';
import type { UsageStyle } from './model-registry.ts';
import { type NativeSettings, resolveNativeSettings } from './native/native-settings.ts';

/** Client id (consumer key) the simulator accepts unless told otherwise. */
export const defaultClientId = 'sim-consumer-key';

/** Client secret (consumer secret) the simulator accepts unless told otherwise. */
export const defaultClientSecret = 'sim-consumer-secret';

/** A fixed-window request budget. */
export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
}

/** How the simulator is started; every field has a default. */
export interface SimulatorOptions {
  /** Port to listen on; 0 picks a free one. */
  port?: number;
  /** Interface to bind. */
  host?: string;
  /** Base URL advertised as `instance_url` / `api_instance_url`, when the bind address is not reachable as is. */
  publicUrl?: string;
  /** Accepted consumer key. */
  clientId?: string;
  /** Accepted consumer secret. */
  clientSecret?: string;
  /** Also accept the JWT bearer flow: the app's public key (PEM), its pre-authorized user and the login server (default https://login.salesforce.com). */
  jwtBearer?: { publicKeyPem: string; username: string; audience?: string };
  /** 18-character org id carried in the token's `tnk` header and identity URL. */
  orgId?: string;
  /** Lifetime of newly minted access tokens. */
  tokenTtlSeconds?: number;
  /** Per-endpoint request budgets; unspecified endpoints keep the generous defaults. */
  rateLimits?: Partial<Record<ModelsEndpoint, RateLimit>>;
  /** Reject Models API calls that lack `x-sfdc-app-context` / `x-client-feature-id` (400). */
  requireAppHeaders?: boolean;
  /** Add `Retry-After` with this many seconds to rate-limit 429s; absent means no header, like Salesforce. */
  rateLimitRetryAfterSeconds?: number;
  /** Status for a bearer token that is not a JWT: 404 with an empty body (default) or 401. */
  nonJwtTokenStatus?: 401 | 404;
  /** False: an app without "Issue JWT-based access tokens", whose tokens are opaque session ids (default true). */
  issueJwtTokens?: boolean;
  /** Status for a wrong client secret: 400 (default) or 401, as some clients report. */
  invalidClientStatus?: 400 | 401;
  /** Status when a model is called on the wrong endpoint (embeddings on a chat model, or the reverse). */
  wrongModelKindStatus?: number;
  /** Unit of chat generations' `timestamp`: seconds (default, the spec's example) or milliseconds. */
  timestampUnit?: TimestampUnit;
  /** Per-model override of the usage naming (`snake_case` OpenAI style or `camelCase`). */
  usageStyles?: Record<string, UsageStyle>;
  /** Extra models to serve, e.g. custom-configured Einstein Studio names. */
  extraModels?: ModelDefinition[];
  /** How many requests to keep per endpoint for `requests()`. */
  requestLogSize?: number;
  /** Clock in epoch milliseconds; tests pass a controllable one to expire tokens and windows. */
  clock?: () => number;
  /** Toggles of the native surface (`/ai/gpt/v1`); unspecified ones keep their defaults. */
  native?: Partial<NativeSettings>;
  /** Fastify's logger: true for pino defaults (every request at info), or pino options such as a level and a stream. */
  logger?: FastifyServerOptions['logger'];
}

/** The options with every default applied; the mutable part is changed by the simulator's controls. */
export interface SimulatorSettings {
  port: number;
  host: string;
  publicUrl: string | undefined;
  clientId: string;
  clientSecret: string;
  /** Unset: the JWT bearer flow is refused as from an unknown app. */
  jwtBearer: SimulatedJwtBearer | undefined;
  orgId: string;
  tokenTtlSeconds: number;
  rateLimits: Record<ModelsEndpoint, RateLimit>;
  requireAppHeaders: boolean;
  rateLimitRetryAfterSeconds: number | undefined;
  nonJwtTokenStatus: 401 | 404;
  issueJwtTokens: boolean;
  invalidClientStatus: 400 | 401;
  wrongModelKindStatus: number;
  timestampUnit: TimestampUnit;
  usageStyles: Record<string, UsageStyle>;
  extraModels: ModelDefinition[];
  requestLogSize: number;
  clock: () => number;
  logger: FastifyServerOptions['logger'];
  /** Extra delay before every Models API response (slow mode); 0 is off. */
  slowModeDelayMs: number;
  /** Set by `revokeCredentials()`: the consumer secret (and the JWT bearer user) is refused until `restoreCredentials()`. */
  credentialsRevoked: boolean;
  /** Replaced whole (never mutated) by the controls, so a reset restores it. */
  native: NativeSettings;
}

const minute = 60_000;

// Salesforce documents 10,000 generation requests per minute per endpoint and 1,000 for embeddings and feedback.
const defaultRateLimits: Record<ModelsEndpoint, RateLimit> = {
  generations: { limit: 10_000, windowMs: minute },
  'chat-generations': { limit: 10_000, windowMs: minute },
  embeddings: { limit: 1_000, windowMs: minute },
  feedback: { limit: 1_000, windowMs: minute },
};

/** Applies the defaults to the caller's options. */
export function resolveSettings(options: SimulatorOptions = {}): SimulatorSettings {
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    publicUrl: options.publicUrl,
    clientId: options.clientId ?? defaultClientId,
    clientSecret: options.clientSecret ?? defaultClientSecret,
    jwtBearer: options.jwtBearer && {
      ...options.jwtBearer,
      audience: options.jwtBearer.audience ?? 'https://login.salesforce.com',
    },
    orgId: options.orgId ?? '00DSM0000000001EAA',
    tokenTtlSeconds: options.tokenTtlSeconds ?? 30 * 60,
    rateLimits: { ...defaultRateLimits, ...options.rateLimits },
    requireAppHeaders: options.requireAppHeaders ?? true,
    rateLimitRetryAfterSeconds: options.rateLimitRetryAfterSeconds,
    nonJwtTokenStatus: options.nonJwtTokenStatus ?? 404,
    issueJwtTokens: options.issueJwtTokens ?? true,
    invalidClientStatus: options.invalidClientStatus ?? 400,
    wrongModelKindStatus: options.wrongModelKindStatus ?? 400,
    timestampUnit: options.timestampUnit ?? 'seconds',
    usageStyles: { ...options.usageStyles },
    extraModels: [...(options.extraModels ?? [])],
    requestLogSize: options.requestLogSize ?? 50,
    clock: options.clock ?? Date.now,
    logger: options.logger ?? false,
    slowModeDelayMs: 0,
    credentialsRevoked: false,
    native: resolveNativeSettings(options.native),
  };
}
