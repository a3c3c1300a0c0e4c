// One error type for the whole gateway. Providers map upstream failures to a kind; each
// protocol maps a kind to its own wire body. `message` is always safe to show a client;
// `detail` is for logs only and must never carry a secret.

/** What went wrong, independent of any wire format. */
export type ErrorKind =
  | 'invalid_request'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'payload_too_large'
  | 'rate_limit'
  | 'upstream_timeout'
  | 'upstream_unavailable'
  | 'upstream_error'
  | 'internal';

const statusByKind: Record<ErrorKind, number> = {
  invalid_request: 400,
  authentication: 401,
  permission: 403,
  not_found: 404,
  payload_too_large: 413,
  rate_limit: 429,
  upstream_timeout: 504,
  upstream_unavailable: 503,
  upstream_error: 502,
  internal: 500,
};

/** nginx's status for a client that closed the connection before the answer: recorded, never sent. */
export const clientClosedStatus = 499;

const retryableKinds = new Set<ErrorKind>(['rate_limit', 'upstream_timeout', 'upstream_unavailable']);

/** The part of the neutral request an error is about; each protocol names it by its own field path. */
export type RequestTarget =
  | { type: 'tool-parameters'; index: number }
  | { type: 'response-schema' }
  | { type: 'message-content'; index: number }
  /** The index-th image part of the request, counted across all messages in order. */
  | { type: 'image'; index: number };

/** Options that refine a GatewayError. */
export interface GatewayErrorOptions {
  /** Override the kind's default status (e.g. 502 for upstream_unavailable). */
  status?: number;
  /** The request field at fault, when there is one. */
  param?: string;
  /** Set instead of `param` by code that knows only the neutral request; the route fills in `param`. */
  target?: RequestTarget;
  /** A short machine-readable code, e.g. `model_not_found`. */
  code?: string;
  /** Seconds the client should wait before retrying. */
  retryAfterSeconds?: number;
  /** Whether the gateway itself may retry the failed upstream call. */
  retryable?: boolean;
  /** Extra context for logs; never shown to clients. */
  detail?: Record<string, unknown>;
  cause?: unknown;
}

export class GatewayError extends Error {
  readonly kind: ErrorKind;
  readonly status: number;
  readonly param: string | undefined;
  readonly target: RequestTarget | undefined;
  readonly code: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly retryable: boolean;
  readonly detail: Record<string, unknown> | undefined;

  constructor(kind: ErrorKind, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.kind = kind;
    this.status = options.status ?? statusByKind[kind];
    this.param = options.param;
    this.target = options.target;
    this.code = options.code;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.retryable = options.retryable ?? retryableKinds.has(kind);
    this.detail = options.detail;
  }
}

/** Anything thrown becomes a GatewayError; unknown failures become a generic internal error. */
export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  return new GatewayError('internal', 'The gateway hit an unexpected error. It has been logged.', {
    cause: error,
  });
}

/** True when a client-facing problem is the client's own mistake (logged below error level). */
export function isClientMistake(error: GatewayError): boolean {
  return error.status >= 400 && error.status < 500 && error.kind !== 'rate_limit';
}

/** A copy of `error` with a new detail or Retry-After; kind, message, status and the rest kept. */
export function rebuildGatewayError(
  error: GatewayError,
  change: { detail?: Record<string, unknown>; retryAfterSeconds?: number },
): GatewayError {
  return new GatewayError(error.kind, error.message, {
    status: error.status,
    param: error.param,
    target: error.target,
    code: error.code,
    retryAfterSeconds: change.retryAfterSeconds ?? error.retryAfterSeconds,
    retryable: error.retryable,
    detail: change.detail ?? error.detail,
    cause: error.cause,
  });
}
