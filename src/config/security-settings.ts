import { z } from 'zod';
import { describeUnsendableKey } from './describe-unsendable-key.ts';
import { parseHostList } from './host-list.ts';
import {
  booleanFlag,
  fromJsonText,
  nonNegativeInteger,
  positiveInteger,
  type SettingDefinition,
} from './setting-types.ts';
import { parseTrustedProxies } from './trusted-proxies.ts';

// Who may call the gateway, how much, and what it does when it is full or Salesforce is failing.

const keyNamePattern = /^[A-Za-z0-9_.-]{1,64}$/;
const minimumKeyLength = 16;
const keyError = `each key must be at least ${minimumKeyLength} characters (use a long random string)`;
const keyNameError = 'each client name must be 1-64 letters, digits, dots, dashes or underscores';
const mapTypeError =
  'must be a JSON object of name -> key, e.g. {"n8n":"<long random key>"}, or name -> {"key","requestsPerMinute","maxConcurrent","tokensPerDay","tokensPerMonth","requestsPerDay","admin"}';
const apiKeyEntry = z.union([
  z.string().min(minimumKeyLength, { error: keyError }),
  z
    .object({
      key: z.string({ error: keyError }).min(minimumKeyLength, { error: keyError }),
      requestsPerMinute: z.number().int().min(0).optional(),
      maxConcurrent: z.number().int().min(0).optional(),
      tokensPerDay: z.number().int().min(0).optional(),
      tokensPerMonth: z.number().int().min(0).optional(),
      requestsPerDay: z.number().int().min(0).optional(),
      admin: z.boolean({ error: 'admin must be true or false' }).optional(),
    })
    .strict(),
]);
const apiKeyMap = fromJsonText(
  z
    .record(z.string().regex(keyNamePattern), apiKeyEntry, {
      error: (issue) => {
        if (issue.code === 'invalid_key') return keyNameError;
        if (issue.code === 'invalid_type') return mapTypeError;
        return undefined;
      },
    })
    // A key no client could send is a mistake to stop for; the message names the client, never the key.
    .superRefine((map, context) => {
      for (const [name, entry] of Object.entries(map)) {
        const problem = describeUnsendableKey(typeof entry === 'string' ? entry : entry.key);
        if (problem) context.addIssue({ code: 'custom', message: `the key of "${name}" ${problem}` });
      }
    }),
);
const originList = z.string({ error: 'must be a comma-separated list of origins, or *' });
const proxyListError =
  'must be a comma-separated list of IP addresses, CIDR ranges, loopback, linklocal or uniquelocal';
const proxyList = z
  .string({ error: proxyListError })
  .refine((value) => parseTrustedProxies(value) !== undefined, { error: proxyListError });
const hostListError = 'must be a comma-separated list of host names (a leading dot adds subdomains), or *';
const hostList = z
  .string({ error: hostListError })
  .refine((value) => parseHostList(value) !== undefined, { error: hostListError });

/** The settings of inbound authentication, rate limits, load shedding, the upstream breaker and HTTP limits. */
export const securitySettings = {
  API_KEYS: {
    schema: apiKeyMap,
    default: {},
    secret: true,
    description:
      'JSON object of client name -> API key (Bearer or x-api-key), or -> {"key",…,"admin":true} for console access; required to listen beyond loopback.',
  },
  INSECURE_NO_AUTH: {
    schema: booleanFlag,
    default: false,
    description:
      'Allow listening beyond loopback without API_KEYS (flag --insecure-no-auth); logs a warning.',
  },
  AUTH_FAILURE_LIMIT: {
    schema: nonNegativeInteger,
    default: 20,
    description:
      'Failed authentications one client address may make per window; past it, 429 without a key check (0: no limit).',
  },
  AUTH_FAILURE_WINDOW_SECONDS: {
    schema: positiveInteger,
    default: 60,
    description: 'The window of AUTH_FAILURE_LIMIT, starting at an address’s first failure.',
  },
  TRUST_PROXY: {
    schema: proxyList,
    default: '',
    description:
      'Reverse proxies whose X-Forwarded-For names the client (addresses, CIDR ranges, loopback); empty: the peer address.',
  },
  KEY_REQUESTS_PER_MINUTE: {
    schema: nonNegativeInteger,
    default: 600,
    description: 'Requests per minute allowed to each API key (0: no limit); a key may set its own.',
  },
  KEY_MAX_CONCURRENT: {
    schema: nonNegativeInteger,
    // a quarter of the default MAX_IN_FLIGHT, so that no two keys can take every slot
    default: 16,
    description: 'Requests in progress allowed to each API key (0: no limit); a key may set its own.',
  },
  KEY_TOKENS_PER_DAY: {
    schema: nonNegativeInteger,
    default: 0,
    description:
      'Tokens (input + output) each API key may use per UTC day (0: no budget); a key may set its own tokensPerDay.',
  },
  KEY_TOKENS_PER_MONTH: {
    schema: nonNegativeInteger,
    default: 0,
    description:
      'Tokens (input + output) each API key may use per UTC month (0: no budget); a key may set its own tokensPerMonth.',
  },
  KEY_REQUESTS_PER_DAY: {
    schema: nonNegativeInteger,
    default: 0,
    description:
      'Model requests each API key may make per UTC day (0: no budget); a key may set its own requestsPerDay.',
  },
  MAX_IN_FLIGHT: {
    schema: positiveInteger,
    default: 64,
    description: 'Model requests (chat, messages, responses, completions, embeddings) served at once.',
  },
  MAX_QUEUED: {
    schema: nonNegativeInteger,
    default: 256,
    description: 'Model requests that may wait for a slot; beyond it they get 503 with Retry-After.',
  },
  QUEUE_TIMEOUT_MS: {
    schema: positiveInteger,
    default: 10_000,
    description: 'Longest wait for a slot before a queued request gets 503 with Retry-After.',
  },
  UPSTREAM_BREAKER_FAILURES: {
    schema: positiveInteger,
    default: 5,
    description: 'Consecutive failed Models API calls (5xx, timeouts, network) that open the circuit.',
  },
  UPSTREAM_BREAKER_COOLDOWN_SECONDS: {
    schema: positiveInteger,
    default: 15,
    description: 'How long an open circuit answers 503 at once before one probe call is let through.',
  },
  CORS_ORIGINS: {
    schema: originList,
    default: '',
    description:
      'Browser origins allowed by CORS, comma-separated, or *; empty (the default) turns CORS off.',
  },
  ALLOWED_HOSTS: {
    schema: hostList,
    default: '',
    description:
      'Host names a gateway without API_KEYS answers besides localhost and IP addresses (comma-separated; .example.com adds subdomains; * any).',
  },
  REQUEST_TIMEOUT_MS: {
    schema: positiveInteger,
    default: 60_000,
    description: 'Longest time a client may take to send a whole request (408 after it).',
  },
  HEADERS_TIMEOUT_MS: {
    schema: positiveInteger,
    default: 20_000,
    description: 'Longest time a client may take to send the request headers.',
  },
} satisfies Record<string, SettingDefinition>;
