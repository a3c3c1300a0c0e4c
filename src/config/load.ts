import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { assertListeningIsProtected, buildAccessConfig, parseOrigins } from './build-access-config.ts';
import { ConfigError } from './config-error.ts';
import { credentialsOf, readOrgPool } from './read-org-pool.ts';
import { readSingleOrg } from './read-single-org.ts';
import { readTracingSettings } from './read-tracing-settings.ts';
import type { ResponseCacheScope } from './response-cache-settings.ts';
import { type Config, type SettingName, settings } from './schema.ts';
import type { SettingDefinition } from './setting-types.ts';
import { stripTrailingSlash } from './strip-trailing-slash.ts';

/** Where settings come from; precedence is defaults < file < environment < flags. */
export interface ConfigSources {
  /** Values from command-line flags, keyed by setting name. */
  flags?: Partial<Record<SettingName, unknown>>;
  /** Usually process.env. */
  environment?: Record<string, string | undefined>;
  /** An explicit --config path; wins over SFGW_CONFIG and the search order. */
  configPath?: string;
  /** Searched first for a config file. */
  workingDirectory?: string;
  /** Searched second for a config file. */
  packageRoot?: string;
  homeDirectory?: string;
}

/** The outcome of loading: the frozen config, the file used (if any) and non-fatal remarks. */
export interface LoadedConfig {
  config: Config;
  file: string | null;
  warnings: string[];
}

export { ConfigError };

/** File names tried, in order, in the working directory and then the package root. */
export const configFileNames = ['sfgw.config.json', 'config.json'];

const settingNames = Object.keys(settings) as SettingName[];

/** Reads every source, validates once and returns a deeply frozen config. */
export async function loadConfig(sources: ConfigSources = {}): Promise<LoadedConfig> {
  const environment = sources.environment ?? {};
  const warnings: string[] = [];
  const file = await findConfigFile(sources, environment);
  const fileValues = file ? await readConfigFile(file, warnings) : {};
  const raw: Partial<Record<SettingName, unknown>> = {};
  for (const name of settingNames) {
    const definition: SettingDefinition = settings[name];
    const fromEnvironment = definition.emptyMeansOff ? environment[name] : nonEmpty(environment[name]);
    const value = sources.flags?.[name] ?? fromEnvironment ?? fileValues[name];
    if (value !== undefined) raw[name] = value;
  }
  const values = validateSettings(raw);
  const config = buildConfig(values, sources.homeDirectory ?? homedir(), readTracingSettings(environment));
  assertListeningIsProtected(config);
  return { config: deepFreeze(config), file, warnings };
}

async function findConfigFile(sources: ConfigSources, environment: Record<string, string | undefined>) {
  const explicit = sources.configPath ?? nonEmpty(environment.SFGW_CONFIG);
  if (explicit) {
    const resolved = path.resolve(sources.workingDirectory ?? process.cwd(), explicit);
    if (!(await isReadable(resolved))) {
      const origin = sources.configPath ? '--config' : 'SFGW_CONFIG';
      throw new ConfigError(`${origin}: cannot read ${resolved}; fix the path or remove the setting.`);
    }
    return resolved;
  }
  const directories = [sources.workingDirectory, sources.packageRoot].filter(
    (directory) => directory !== undefined,
  );
  for (const directory of directories) {
    for (const name of configFileNames) {
      const candidate = path.join(directory, name);
      if (await isReadable(candidate)) return candidate;
    }
  }
  return null;
}

async function readConfigFile(file: string, warnings: string[]): Promise<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'is not valid JSON' : 'cannot be read';
    throw new ConfigError(`config file ${file} ${reason}; fix it or point --config elsewhere.`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(`config file ${file} must hold a JSON object of settings, e.g. {"PORT": 8000}.`);
  }
  for (const key of Object.keys(parsed)) {
    if (!(key in settings)) warnings.push(`config file ${file}: unknown setting ${key} is ignored.`);
  }
  return parsed as Record<string, unknown>;
}

function validateSettings(raw: Partial<Record<SettingName, unknown>>): Record<SettingName, unknown> {
  const values = {} as Record<SettingName, unknown>;
  for (const name of settingNames) {
    const definition: SettingDefinition = settings[name];
    const value = raw[name] ?? definition.default;
    if (value === undefined) continue;
    const parsed = definition.schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]?.message ?? 'is invalid';
      const shown = definition.secret ? '' : ` (got ${JSON.stringify(value)})`;
      throw new ConfigError(`${name}${describeIssue(issue)}${shown}; ${settings[name].description}`);
    }
    values[name] = parsed.data;
  }
  return values;
}

// An issue may name an entry of a list, as in SALESFORCE_ORGS[1] ("eu") consumerSecret must …
function describeIssue(issue: string): string {
  if (issue.startsWith('[')) return issue;
  return issue.startsWith('must')
    ? ` ${issue}`
    : ` is invalid: ${issue.charAt(0).toLowerCase()}${issue.slice(1)}`;
}

function buildConfig(
  values: Record<SettingName, unknown>,
  homeDirectory: string,
  tracing: Config['tracing'],
): Config {
  const number = (name: SettingName) => values[name] as number;
  const orgs = readOrgPool(values);
  return {
    port: number('PORT'),
    host: values.HOST as string,
    logLevel: values.LOG_LEVEL as Config['logLevel'],
    salesforce: orgs ? credentialsOf(orgs[0]) : readSingleOrg(values),
    orgs,
    orgCooldownMs: number('ORG_COOLDOWN_SECONDS') * 1000,
    modelFallbacks: values.MODEL_FALLBACKS as Config['modelFallbacks'],
    requestDeadlineMs: number('REQUEST_DEADLINE_MS'),
    responseCache:
      number('RESPONSE_CACHE_SECONDS') === 0
        ? null
        : {
            ttlMs: number('RESPONSE_CACHE_SECONDS') * 1000,
            maxBytes: number('RESPONSE_CACHE_MAX_MB') * 1024 * 1024,
            scope: values.RESPONSE_CACHE_SCOPE as ResponseCacheScope,
          },
    demo: values.SFGW_DEMO === true || (orgs === null && values.SALESFORCE_CONSUMER_KEY === undefined),
    modelAliases: values.MODEL_ALIASES as Config['modelAliases'],
    promptTokenLimit: number('PROMPT_TOKEN_LIMIT'),
    embeddingModel: values.EMBEDDING_MODEL as string,
    claudeFamilies: {
      opus: values.CLAUDE_OPUS_MODEL as string,
      sonnet: values.CLAUDE_SONNET_MODEL as string,
      haiku: values.CLAUDE_HAIKU_MODEL as string,
    },
    tokenCacheFile: expandHome(values.TOKEN_CACHE_FILE as string, homeDirectory),
    usageDatabase: expandHome(values.USAGE_DB as string, homeDirectory),
    token: {
      fallbackTtlMs: number('TOKEN_FALLBACK_TTL_SECONDS') * 1000,
      advisoryWindowMs: number('TOKEN_ADVISORY_REFRESH_SECONDS') * 1000,
      mandatoryWindowMs: number('TOKEN_MANDATORY_REFRESH_SECONDS') * 1000,
      failureThreshold: number('TOKEN_FAILURE_THRESHOLD'),
      failureCooldownMs: number('TOKEN_FAILURE_COOLDOWN_SECONDS') * 1000,
    },
    upstream: {
      timeoutMs: number('UPSTREAM_TIMEOUT_MS'),
      timeoutPerThousandCharactersMs: number('UPSTREAM_TIMEOUT_PER_1K_CHARS_MS'),
      timeoutMaxMs: number('UPSTREAM_TIMEOUT_MAX_MS'),
      maxRetries: number('UPSTREAM_MAX_RETRIES'),
      retryBaseMs: number('UPSTREAM_RETRY_BASE_MS'),
      retryMaxMs: number('UPSTREAM_RETRY_MAX_MS'),
      retryAfterMaxMs: number('UPSTREAM_RETRY_AFTER_MAX_SECONDS') * 1000,
      retryBudgetPercent: number('UPSTREAM_RETRY_BUDGET_PERCENT'),
      retryBudgetPerSecond: number('UPSTREAM_RETRY_BUDGET_PER_SECOND'),
      connections: number('UPSTREAM_CONNECTIONS'),
      breakerFailures: number('UPSTREAM_BREAKER_FAILURES'),
      breakerCooldownMs: number('UPSTREAM_BREAKER_COOLDOWN_SECONDS') * 1000,
    },
    native: {
      upstreamApi: values.UPSTREAM_API as Config['native']['upstreamApi'],
      apiBaseUrl: values.SALESFORCE_NATIVE_API_BASE_URL
        ? stripTrailingSlash(values.SALESFORCE_NATIVE_API_BASE_URL as string)
        : undefined,
      routeMemoryMs: number('NATIVE_ROUTE_MEMORY_SECONDS') * 1000,
    },
    streamKeepAliveMs: number('STREAM_KEEPALIVE_MS'),
    streamStallTimeoutMs: readStallTimeout(values),
    bodyLimitBytes: number('BODY_LIMIT_BYTES'),
    shutdownTimeoutMs: number('SHUTDOWN_TIMEOUT_MS'),
    workers: values.WORKERS as Config['workers'],
    redis:
      values.REDIS_URL === ''
        ? null
        : { url: values.REDIS_URL as string, keyPrefix: values.REDIS_KEY_PREFIX as string },
    access: buildAccessConfig(values),
    admission: {
      maxInFlight: number('MAX_IN_FLIGHT'),
      maxQueued: number('MAX_QUEUED'),
      queueTimeoutMs: number('QUEUE_TIMEOUT_MS'),
    },
    corsOrigins: parseOrigins(values.CORS_ORIGINS as string),
    inbound: buildInboundLimits(values),
    console: {
      captureBodies: values.CONSOLE_CAPTURE_BODIES === true,
      recentRequests: number('CONSOLE_RECENT_REQUESTS'),
      bodyMaxBytes: number('CONSOLE_BODY_MAX_BYTES'),
    },
    tracing,
  };
}

// A reader is judged by the bytes it takes, and while the upstream works a stream offers it one
// keep-alive per interval and nothing else: a shorter judgement would outrun what it judges.
function readStallTimeout(values: Record<SettingName, unknown>): number {
  const stallTimeoutMs = values.STREAM_STALL_TIMEOUT_MS as number;
  const keepAliveMs = values.STREAM_KEEPALIVE_MS as number;
  if (stallTimeoutMs <= keepAliveMs) {
    throw new ConfigError(
      `STREAM_STALL_TIMEOUT_MS (${stallTimeoutMs}) must be longer than STREAM_KEEPALIVE_MS (${keepAliveMs}), since a stream waiting for its upstream sends its reader nothing but those keep-alives; raise STREAM_STALL_TIMEOUT_MS or lower STREAM_KEEPALIVE_MS.`,
    );
  }
  return stallTimeoutMs;
}

// Node refuses a headers timeout longer than the whole-request timeout.
function buildInboundLimits(values: Record<SettingName, unknown>): Config['inbound'] {
  const requestTimeoutMs = values.REQUEST_TIMEOUT_MS as number;
  const headersTimeoutMs = values.HEADERS_TIMEOUT_MS as number;
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError(
      `HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not exceed REQUEST_TIMEOUT_MS (${requestTimeoutMs}); lower it or raise REQUEST_TIMEOUT_MS.`,
    );
  }
  return { requestTimeoutMs, headersTimeoutMs };
}

function expandHome(value: string, homeDirectory: string): string | null {
  if (value.trim() === '') return null;
  return value === '~' || value.startsWith('~/')
    ? path.join(homeDirectory, value.slice(1))
    : path.resolve(value);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

async function isReadable(file: string): Promise<boolean> {
  try {
    await access(file, constants.R_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
