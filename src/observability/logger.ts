import pino, { type Logger, type LoggerOptions } from 'pino';

/** Paths that may hold credentials anywhere they are logged; their values become "[redacted]". */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  '*.accessToken',
  '*.access_token',
  '*.consumerSecret',
  '*.client_secret',
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
