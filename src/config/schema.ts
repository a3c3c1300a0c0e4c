import { z } from 'zod';
import type { TracingSettings } from '../observability/tracing/tracing-settings.ts';
import { consoleSettings } from './console-settings.ts';
import { type ModelAliasSetting, modelAliasMap } from './model-alias-settings.ts';
import { nativeSettings, type UpstreamApi } from './native-settings.ts';
import type { OrgConfig } from './org-list.ts';
import { orgPoolSettings } from './org-pool-settings.ts';
import type { OrgProof } from './org-proof.ts';
import { type ResponseCacheScope, responseCacheSettings } from './response-cache-settings.ts';
import { salesforceSettings } from './salesforce-settings.ts';
import { securitySettings } from './security-settings.ts';
import {
  booleanFlag,
  nonNegativeInteger,
  port,
  positiveInteger,
  type SettingDefinition,
} from './setting-types.ts';
import { upstreamSettings } from './upstream-settings.ts';

export type { OrgConfig } from './org-list.ts';

// Every setting the gateway reads: its name (the same in the JSON file and the environment),
// its type, its default and a one-line description. The README's configuration reference is
// checked against this table by a test, so the two cannot drift apart.

const workerCountError = { error: 'must be a positive whole number or auto' };
const workerCount = z.union(
  [z.literal('auto'), z.coerce.number(workerCountError).int(workerCountError).positive(workerCountError)],
  workerCountError,
);
const redisUrlError = 'must be a redis:// or rediss:// URL such as redis://:password@redis.internal:6379';
const redisUrl = z
  .string({ error: redisUrlError })
  .refine((value) => value === '' || (/^rediss?:\/\/./.test(value) && URL.canParse(value)), {
    error: redisUrlError,
  });
const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
  error: 'must be one of fatal, error, warn, info, debug, trace, silent',
});

export const settings = {
  PORT: {
    schema: port,
    default: 8000,
    description: 'TCP port the gateway listens on (0 picks a free port).',
  },
  HOST: {
    schema: z.string({ error: 'must be a host name or IP address' }).min(1, { error: 'must not be empty' }),
    default: '127.0.0.1',
    description: 'Interface to bind; 0.0.0.0 listens on every interface.',
  },
  LOG_LEVEL: {
    schema: logLevel,
    default: 'info',
    description: 'pino log level: fatal, error, warn, info, debug, trace or silent.',
  },
  ...salesforceSettings,
  ...orgPoolSettings,
  SFGW_DEMO: {
    schema: booleanFlag,
    default: false,
    description: 'Force demo mode (in-process simulator) even when credentials are set.',
  },
  MODEL_ALIASES: {
    schema: modelAliasMap,
    default: {},
    description:
      'JSON object of extra or overriding aliases, e.g. {"gpt-4o":"sfdc_ai__DefaultGPT4Omni"}; {"model":…,"surface":"native"} also picks the surface.',
  },
  EMBEDDING_MODEL: {
    schema: z.string().min(1),
    default: 'sfdc_ai__DefaultOpenAITextEmbeddingAda_002',
    description:
      'Salesforce embeddings model behind text-embedding-ada-002, text-embedding-3-small and -3-large.',
  },
  PROMPT_TOKEN_LIMIT: {
    schema: positiveInteger,
    default: 65_536,
    description:
      'Largest prompt in tokens sent upstream (the Trust Layer caps prompts at 65,536 while data masking is on).',
  },
  CLAUDE_OPUS_MODEL: {
    schema: z.string().min(1),
    default: 'sfdc_ai__DefaultBedrockAnthropicClaude45Opus',
    description: 'Salesforce model for any claude-*opus* name a client sends (e.g. Claude Code).',
  },
  CLAUDE_SONNET_MODEL: {
    schema: z.string().min(1),
    default: 'sfdc_ai__DefaultBedrockAnthropicClaude45Sonnet',
    description: 'Salesforce model for any claude-*sonnet* name a client sends.',
  },
  CLAUDE_HAIKU_MODEL: {
    schema: z.string().min(1),
    default: 'sfdc_ai__DefaultBedrockAnthropicClaude45Haiku',
    description:
      'Salesforce model for any claude-*haiku* name a client sends (Claude Code background calls).',
  },
  ...upstreamSettings,
  ...nativeSettings,
  ...responseCacheSettings,
  STREAM_KEEPALIVE_MS: {
    schema: positiveInteger,
    default: 5_000,
    description: 'While the upstream works, a streaming client gets a keep-alive this often.',
  },
  STREAM_STALL_TIMEOUT_MS: {
    schema: positiveInteger,
    default: 15_000,
    description:
      'A client that takes no bytes of its answer (streamed or not) for this long is cut and its slot freed; longer than STREAM_KEEPALIVE_MS.',
  },
  BODY_LIMIT_BYTES: {
    schema: positiveInteger,
    default: 10 * 1024 * 1024,
    description: 'Largest request body accepted (413 above it).',
  },
  SHUTDOWN_TIMEOUT_MS: {
    schema: nonNegativeInteger,
    default: 30_000,
    description:
      'On SIGTERM or SIGINT, how long in-flight requests and streams may run before they are ended.',
  },
  WORKERS: {
    schema: workerCount,
    default: 1,
    description: 'Worker processes sharing the port (cluster mode); auto starts one per CPU core.',
  },
  REDIS_URL: {
    schema: redisUrl,
    default: '',
    secret: true,
    description:
      'Redis shared by every instance (redis:// or rediss://, password in the URL): one token and one set of per-key limits; empty: each instance keeps its own.',
  },
  REDIS_KEY_PREFIX: {
    schema: z.string({ error: 'must be a string' }),
    default: 'sfgw:',
    description: 'Prefix of every Redis key, so several gateways or apps can share one Redis.',
  },
  USAGE_DB: {
    schema: z.string({ error: 'must be a file path, or empty to disable' }),
    emptyMeansOff: true,
    default: '~/.sfgw/usage.db',
    description:
      'SQLite file of the usage ledger (tokens and requests per key × model × UTC day, read by GET /admin/usage); empty disables.',
  },
  ...securitySettings,
  ...consoleSettings,
} satisfies Record<string, SettingDefinition>;

/** The name of a setting, as written in the file and the environment. */
export type SettingName = keyof typeof settings;

/** The validated, frozen configuration handed to every part of the gateway. */
export interface Config {
  port: number;
  host: string;
  logLevel: z.infer<typeof logLevel>;
  /** The single org (or the pool's first); its proof is the consumer secret or the JWT bearer settings. */
  salesforce:
    | ({
        consumerKey: string;
        instanceUrl: string;
        apiBaseUrl: string | undefined;
      } & OrgProof)
    | null;
  /** Several orgs from SALESFORCE_ORGS; null: the single org of the SALESFORCE_* settings (or demo mode). */
  orgs: readonly OrgConfig[] | null;
  /** How long an org that answered 429 without Retry-After is skipped. */
  orgCooldownMs: number;
  /** Public name -> the public names tried in order when it is throttled, failing or timed out everywhere. */
  modelFallbacks: Readonly<Record<string, readonly string[]>>;
  /** One time budget for a request's answer (a stream's first event) across retries, org switches and fallbacks; 0: none. */
  requestDeadlineMs: number;
  /** Identical requests answered from a cache; null: off. */
  responseCache: { ttlMs: number; maxBytes: number; scope: ResponseCacheScope } | null;
  demo: boolean;
  /** Public name -> API name, or API name and the surface that serves it. */
  modelAliases: Readonly<Record<string, ModelAliasSetting>>;
  promptTokenLimit: number;
  /** Salesforce embeddings model behind OpenAI's embedding names. */
  embeddingModel: string;
  /** Salesforce models behind the Claude families, for claude-* names without an exact alias. */
  claudeFamilies: { opus: string; sonnet: string; haiku: string };
  tokenCacheFile: string | null;
  /** The usage ledger's SQLite file; null: no ledger. */
  usageDatabase: string | null;
  token: {
    fallbackTtlMs: number;
    advisoryWindowMs: number;
    mandatoryWindowMs: number;
    failureThreshold: number;
    failureCooldownMs: number;
  };
  upstream: {
    timeoutMs: number;
    timeoutPerThousandCharactersMs: number;
    timeoutMaxMs: number;
    maxRetries: number;
    retryBaseMs: number;
    retryMaxMs: number;
    retryAfterMaxMs: number;
    /** Retries may add this percentage of recent first attempts, shared by all calls. */
    retryBudgetPercent: number;
    /** Retries allowed per second beyond the percentage. */
    retryBudgetPerSecond: number;
    connections: number;
    /** Consecutive failed calls that open the upstream circuit. */
    breakerFailures: number;
    breakerCooldownMs: number;
    /** Not a setting: false for an org of a pool, where a 429 goes to another org at once instead of being waited out. */
    retryRateLimits?: boolean;
  };
  /** Which Salesforce surface serves chats, and how the native one is reached. */
  native: {
    upstreamApi: UpstreamApi;
    /** Overrides the token's api_instance_url + /ai/gpt/v1. */
    apiBaseUrl: string | undefined;
    /** In auto mode, how long a model the native surface could not route stays on the Models API. */
    routeMemoryMs: number;
  };
  streamKeepAliveMs: number;
  /** How long a response's reader may take none of its bytes before it is cut. */
  streamStallTimeoutMs: number;
  bodyLimitBytes: number;
  /** How long a shutdown waits for in-flight work before ending it. */
  shutdownTimeoutMs: number;
  /** Worker processes in cluster mode; 1 runs a single process. */
  workers: number | 'auto';
  /** Shared state for a fleet; null keeps all state in this process. */
  redis: { url: string; keyPrefix: string } | null;
  /** Who may call, and how much. */
  access: AccessConfig;
  /** How many model requests run at once, and how many may wait. */
  admission: { maxInFlight: number; maxQueued: number; queueTimeoutMs: number };
  /** Browser origins allowed by CORS; empty means CORS is off. */
  corsOrigins: readonly string[];
  /** Time limits on receiving a request. */
  inbound: { requestTimeoutMs: number; headersTimeoutMs: number };
  /** What the operator console keeps of recent requests. */
  console: ConsoleConfig;
  /** OpenTelemetry tracing from the standard OTEL_* variables; null when it is off. */
  tracing: TracingSettings | null;
}

/** The console's recent-requests log: its length, and whether (and how much of) bodies are kept. */
export interface ConsoleConfig {
  captureBodies: boolean;
  recentRequests: number;
  bodyMaxBytes: number;
}

/** One client allowed in, with its own limits (0: no limit). */
export interface ApiKey {
  /** Used in logs and metrics instead of the key. */
  name: string;
  key: string;
  requestsPerMinute: number;
  maxConcurrent: number;
  /** Budgets per UTC day and month (0: none), checked against the usage ledger's totals. */
  tokensPerDay: number;
  tokensPerMonth: number;
  requestsPerDay: number;
  /** May use the operator console's API (/ui/api/). */
  admin: boolean;
}

/** Inbound authentication and per-key limits. */
export interface AccessConfig {
  /** Empty: no authentication (only allowed on loopback unless insecureNoAuth). */
  apiKeys: readonly ApiKey[];
  insecureNoAuth: boolean;
  /** Host names answered without API keys besides loopback names and IP addresses; "*" is any. */
  allowedHosts: readonly string[];
  /** Failed authentications one client address may make per window before it gets 429 (0: no limit). */
  failedAuthentication: { limit: number; windowMs: number };
  /** Proxies whose X-Forwarded-For is believed; empty: the client is the socket's peer. */
  trustedProxies: readonly string[];
}
