import { asJsonObject } from '../shared/as-json-object.ts';

// Kept in this folder for now; the other native routes face the same unpublished error shapes
// and may share it once they exist.

/** What an upstream error body said, in whichever shape it came. */
export interface UpstreamErrorReport {
  code?: string;
  message?: string;
  status?: number;
}

/**
 * Reads an error from any of the shapes seen on this surface: the Models API object
 * (`errorCode`, `message`), the gateway's `{errors:[{message}]}`, a provider-shaped
 * `{error:{message, code|type}}` or `{error:"…"}`, or a list of such objects. Undefined when the
 * value carries none of them.
 */
export function readErrorBody(value: unknown): UpstreamErrorReport | undefined {
  const body = asJsonObject(Array.isArray(value) ? value[0] : value);
  if (!body) return undefined;
  const listed = Array.isArray(body.errors) ? asJsonObject(body.errors[0]) : undefined;
  const nested = asJsonObject(body.error);
  const source = listed ?? nested ?? body;
  const code = readText(source.errorCode ?? source.code ?? source.type ?? body.errorCode);
  const message = readText(source.message ?? body.message ?? body.error);
  const status = readStatus(source) ?? readStatus(body);
  const isError = code !== undefined || message !== undefined || listed !== undefined || nested !== undefined;
  if (!isError) return undefined;
  return {
    ...(code === undefined ? {} : { code }),
    ...(message === undefined ? {} : { message }),
    ...(status === undefined ? {} : { status }),
  };
}

function readText(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function readStatus(body: Record<string, unknown>): number | undefined {
  for (const value of [body.status, body.statusCode, body.httpStatus]) {
    const status = typeof value === 'string' ? Number(value) : value;
    if (typeof status === 'number' && Number.isInteger(status) && status >= 400 && status < 600)
      return status;
  }
  return undefined;
}
