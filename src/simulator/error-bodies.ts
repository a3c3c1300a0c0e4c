import { STATUS_CODES } from 'node:http';

/** The Models API error object (section 5.2 of the reference); every field is optional on the wire. */
export interface ModelsApiErrorBody {
  errorCode: string;
  messageCode?: string;
  message: string;
}

// Only BAD_ARGUMENT/E30020 and INTERNAL_ERROR/E00077 have been observed; the other codes are assumptions.
const codesByStatus: Record<number, { errorCode: string; messageCode?: string }> = {
  400: { errorCode: 'BAD_ARGUMENT', messageCode: 'E30020' },
  403: { errorCode: 'PERMISSION_DENIED' },
  404: { errorCode: 'NOT_FOUND' },
  413: { errorCode: 'PAYLOAD_TOO_LARGE' },
  423: { errorCode: 'LOCKED' },
  429: { errorCode: 'TOO_MANY_REQUESTS' },
  500: { errorCode: 'INTERNAL_ERROR', messageCode: 'E00077' },
  503: { errorCode: 'SERVICE_UNAVAILABLE' },
};

/** The error object the Models service would send with `status`. */
export function buildModelsApiError(status: number, message?: string): ModelsApiErrorBody {
  const codes = codesByStatus[status] ?? { errorCode: 'UNKNOWN_ERROR' };
  return { ...codes, message: message ?? STATUS_CODES[status] ?? 'Error' };
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
