import { asJsonObject, type JsonObject } from './as-json-object.ts';
import { safeUpstreamText } from './safe-upstream-text.ts';

// No error body of the native surface is published, so every route reads all the shapes seen:
// an Anthropic `{type:"error", error:{type, message}}` or OpenAI `{error:{code, type, message}}`
// passed through from the provider, `{error:"…"}`, the gateway's `{errors:[{message}]}`, the
// Models API's `{errorCode, message}`, an AWS `{message}`/`{Message}`/`{__type}`, and the
// Salesforce REST habit of a one-element array of those.

/** What an upstream error said, in whichever shape it came; its wording is not yet safe to show. */
export interface NativeErrorReport {
  /** e.g. `rate_limit_error`, `throttlingException`, `INVALID_INPUT`. */
  code?: string;
  message?: string;
  /** An HTTP status the body named (400–599), if any. */
  status?: number;
}

/** Finds an error in a parsed body, or undefined when the body is not one. */
export function readNativeErrorBody(value: unknown): NativeErrorReport | undefined {
  const body = asJsonObject(Array.isArray(value) ? value[0] : value);
  if (!body) return undefined;
  const nested = asJsonObject(body.error);
  if (nested) return readFields(nested, body);
  if (typeof body.error === 'string') return readFields({ code: body.code, message: body.error }, body);
  const listed = Array.isArray(body.errors) ? asJsonObject(body.errors[0]) : undefined;
  if (listed) return readFields(listed, body);
  const report = readFields(body, body);
  return report.message !== undefined || body.errorCode !== undefined ? report : undefined;
}

/** A report as one safe line for a client: `code: message` (the code once), or `no details given`. */
export function describeNativeError(report: NativeErrorReport): string {
  const { code, message } = report;
  const text =
    code === undefined || message?.includes(code)
      ? (message ?? '')
      : [code, message].filter(Boolean).join(': ');
  return safeUpstreamText(text) || 'no details given';
}

function readFields(source: JsonObject, outer: JsonObject): NativeErrorReport {
  const type = source.type === 'error' ? undefined : source.type;
  const code = firstText(source.errorCode, source.code, source.__type, type);
  const message = firstText(source.message, source.Message, source.error_description);
  const status = readStatus(source) ?? readStatus(outer);
  return {
    ...(code === undefined ? {} : { code }),
    ...(message === undefined ? {} : { message }),
    ...(status === undefined ? {} : { status }),
  };
}

function firstText(...values: unknown[]): string | undefined {
  for (const value of values) {
    if (typeof value === 'number') return String(value);
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}

function readStatus(body: JsonObject): number | undefined {
  for (const value of [body.status, body.statusCode, body.httpStatus]) {
    const status = typeof value === 'string' ? Number(value) : value;
    if (typeof status === 'number' && Number.isInteger(status) && status >= 400 && status < 600)
      return status;
  }
  return undefined;
}
