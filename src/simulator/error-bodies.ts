import { STATUS_CODES } from 'node:http';

/** One `targets[]` entry of the error object: where in the request the fault lies. */
export interface ErrorTarget {
  type: 'FIELD' | 'QUERY_PARAMETER' | 'HTTP_HEADER';
  reference: string;
}

/** The Models API error object (section 5.2 of the reference). */
export interface ModelsApiErrorBody {
  errorCode: string;
  messageCode?: string;
  message: string;
  targets?: ErrorTarget[];
}

// The spec's `Error` schema example; every example messageCode in the spec is a placeholder, so
// the codes nobody has observed get this one.
const placeholderMessageCode = 'E00001';

type Codes = { errorCode: string; messageCode: string; message: string };

// The spec's example errorCode and message per status (section 5.1), including its NOT_FOUND slips
// on 403 and 423. BAD_ARGUMENT/E30020 (bad input) and E00077 (500) have been observed.
const specCodesByStatus: Record<number, Codes> = {
  400: { errorCode: 'BAD_ARGUMENT', messageCode: 'E30020', message: 'Bad Request' },
  401: {
    errorCode: 'INVALID_AUTH',
    messageCode: placeholderMessageCode,
    message: 'Access bearer token is missing or invalid',
  },
  403: {
    errorCode: 'NOT_FOUND',
    messageCode: placeholderMessageCode,
    message: 'User forbidden from accessing the resource',
  },
  404: { errorCode: 'NOT_FOUND', messageCode: placeholderMessageCode, message: 'Resource not found' },
  // Not in the spec: an assumption for the simulator's own body limit.
  413: { errorCode: 'PAYLOAD_TOO_LARGE', messageCode: placeholderMessageCode, message: 'Payload Too Large' },
  423: {
    errorCode: 'NOT_FOUND',
    messageCode: placeholderMessageCode,
    message: 'Server is busy and cannot process the request at this time',
  },
  429: {
    errorCode: 'LIMIT_EXCEEDED',
    messageCode: placeholderMessageCode,
    message: 'Too many requests for the server to handle',
  },
  500: { errorCode: 'INTERNAL_ERROR', messageCode: 'E00077', message: 'Internal server error' },
  503: {
    errorCode: 'INTERNAL_ERROR',
    messageCode: placeholderMessageCode,
    message: 'Service is unavailable',
  },
};

/** The error object the Models service would send with `status`; the message defaults to the spec's. */
export function buildModelsApiError(status: number, message?: string): ModelsApiErrorBody {
  const codes = specCodesByStatus[status] ?? {
    errorCode: 'UNKNOWN_ERROR',
    messageCode: placeholderMessageCode,
    message: 'Something went wrong',
  };
  return { ...codes, message: message ?? codes.message };
}

/** A JSONPath-style reference to a request field, as in the spec's `targets[].reference` example. */
export function formatFieldReference(path: readonly PropertyKey[]): string {
  const steps = path.map((step) => (typeof step === 'number' ? `[${step}]` : `['${String(step)}']`));
  return `$${steps.join('')}`;
}

/** The spec's 400 for a required field the request left out, naming it in `targets`. */
export function buildRequiredFieldMissing(path: readonly PropertyKey[]): ModelsApiErrorBody {
  const reference = formatFieldReference(path);
  return {
    errorCode: 'REQUIRED_FIELD_MISSING',
    messageCode: placeholderMessageCode,
    message: `Field is required: ${path.join('.')}`,
    targets: [{ type: 'FIELD', reference }],
  };
}

// The codes the native surface's faults answer with; that surface has its own reference and keeps them.
const nativeFaultCodesByStatus: Record<number, { errorCode: string; messageCode?: string }> = {
  400: { errorCode: 'BAD_ARGUMENT', messageCode: 'E30020' },
  403: { errorCode: 'PERMISSION_DENIED' },
  404: { errorCode: 'NOT_FOUND' },
  423: { errorCode: 'LOCKED' },
  429: { errorCode: 'TOO_MANY_REQUESTS' },
  500: { errorCode: 'INTERNAL_ERROR', messageCode: 'E00077' },
  503: { errorCode: 'SERVICE_UNAVAILABLE' },
};

/** The error object of an injected fault on the native surface's LLM-gateway routes. */
export function buildNativeFaultError(status: number): ModelsApiErrorBody {
  const codes = nativeFaultCodesByStatus[status] ?? { errorCode: 'UNKNOWN_ERROR' };
  return { ...codes, message: STATUS_CODES[status] ?? 'Error' };
}

/** The api.salesforce.com gateway's own rejection of a bad bearer token (a different shape). */
export function buildInvalidTokenBody(): { errors: { message: string }[] } {
  return { errors: [{ message: 'Invalid token' }] };
}

/** An HTML error page such as a load balancer in front of the service might serve. */
export function buildHtmlErrorPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return `<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center></body></html>\n`;
}
