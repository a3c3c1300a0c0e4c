import pino, { type Logger, type LoggerOptions } from 'pino';

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
  'authorization',
  '*.accessToken',
  '*.access_token',
  '*.refresh_token',
  '*.authorization',
  '*.consumerSecret',
  '*.client_secret',
  '*.client_assertion',
  '*.privateKey',
  '*.apiKey',
  '*.apiKeys',
  '*.SALESFORCE_CONSUMER_SECRET',
];

/** pino options shared by the gateway's own logger and Fastify's. */
export function createLoggerOptions(level: string, pretty: boolean): LoggerOptions {
  return {
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } } }
      : {}),
  };
}

/** A logger writing JSON lines (pretty on a terminal). */
export function createLogger(level: string, pretty = false): Logger {
  return pino(createLoggerOptions(level, pretty));
}
