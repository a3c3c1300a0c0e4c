import pino, { type Logger, type LoggerOptions } from 'pino';
import {
  compileRedaction,
  type PathNode,
  redactBelow,
  redactFields,
  redactInterpolated,
} from './redaction.ts';

/** Paths that may hold credentials anywhere they are logged; their values become "[redacted]". */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["proxy-authorization"]',
  'headers["x-api-key"]',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers["x-api-key"]',
  '*.headers.cookie',
  'accessToken',
  'access_token',
  'refresh_token',
  'authorization',
  'consumerSecret',
  'client_secret',
  'client_assertion',
  'privateKey',
  'privateKeyPem',
  'assertion',
  '*.accessToken',
  '*.access_token',
  '*.refresh_token',
  '*.authorization',
  '*.consumerSecret',
  '*.client_secret',
  '*.client_assertion',
  '*.privateKey',
  '*.privateKeyPem',
  '*.assertion',
  '*.apiKey',
  '*.apiKeys',
  '*.SALESFORCE_CONSUMER_SECRET',
  '*.SALESFORCE_PRIVATE_KEY',
];

export const redactionCensor = '[redacted]';

// Compiled once. pino's own `redact` option re-parsed the whole list for every field of every
// line and every binding of every child logger (Fastify makes one per request): ~3 us a child.
const redaction = compileRedaction(redactedPaths, redactionCensor);
type Fields = Record<string, unknown>;

/** pino's error serializer, then the wildcard paths on what it made (pino redacted after it too). */
function serializeError(error: unknown): unknown {
  const serialized: unknown = pino.stdSerializers.err(error as Error);
  return typeof serialized === 'object' && serialized !== null && !Array.isArray(serialized)
    ? redactBelow(serialized as Fields, redaction.anyKey, redactionCensor)
    : serialized;
}

// A child's bindings are serialized by pino before any hook sees them; they can only carry a
// censored key if its name appears as a JSON key in what the child added. Checked once per child.
const censoredKeyNames = new Set<string>();
const collectNames = (below: ReadonlyMap<string, PathNode>): void => {
  for (const [key, node] of below) {
    censoredKeyNames.add(key);
    collectNames(node.below);
  }
};
collectNames(redaction.top);
collectNames(redaction.anyKey.below);
const censoredKeyInJson = new RegExp(
  `"(?:${[...censoredKeyNames].map((name) => name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|')})":`,
);
const { chindingsSym } = pino.symbols;

function redactChildBindings(this: Logger, child: Logger): void {
  const inherited = (this as unknown as Record<symbol, string>)[chindingsSym] ?? '';
  const all = (child as unknown as Record<symbol, string>)[chindingsSym] ?? '';
  if (all.length === inherited.length) return;
  const added = all.slice(inherited.length);
  if (!censoredKeyInJson.test(added)) return;
  const bindings = JSON.parse(`{${added.slice(1)}}`) as Fields;
  const redacted = redactFields(bindings, redaction);
  if (redacted === bindings) return;
  let rebuilt = inherited;
  for (const [key, value] of Object.entries(redacted))
    rebuilt += `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
  (child as unknown as Record<symbol, string>)[chindingsSym] = rebuilt;
}

/**
 * Objects interpolated into the message (`%j`, `%o`, `%O`) or given as the message itself; only
 * calls with more than one argument can have them.
 */
function redactMessageArguments(args: unknown[]): void {
  const first = args[0];
  const messageIndex = typeof first === 'object' || first === undefined ? 1 : 0;
  const message = args[messageIndex];
  if (args.length > messageIndex + 1) {
    for (let index = messageIndex; index < args.length; index++) {
      args[index] = redactInterpolated(args[index], redaction);
    }
  } else if (typeof message === 'object' && message !== null && !Array.isArray(message)) {
    args[messageIndex] = redactBelow(message as Fields, redaction.anyKey, redactionCensor);
  }
}

/** pino options shared by the gateway's own logger and Fastify's. */
export function createLoggerOptions(level: string, pretty: boolean): LoggerOptions {
  return {
    level,
    // Censors what `redactedPaths` name; a line whose fields carry none of them is only looked at.
    formatters: {
      log: (fields) => redactFields(fields, redaction, 'err'),
      bindings: (bindings) => redactFields(bindings, redaction),
    },
    serializers: { err: serializeError },
    onChild: redactChildBindings,
    hooks: {
      logMethod(args, method) {
        if (args.length > 1) redactMessageArguments(args);
        method.apply(this, args);
      },
    },
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } } }
      : {}),
  };
}

/** A logger writing JSON lines (pretty on a terminal). */
export function createLogger(level: string, pretty = false): Logger {
  return pino(createLoggerOptions(level, pretty));
}
