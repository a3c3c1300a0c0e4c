import { asJsonObject } from '../shared/as-json-object.ts';

/** What an upstream error said, in whichever shape it came. */
export interface UpstreamErrorReport {
  code?: string;
  message?: string;
}

/**
 * Finds an error in a parsed body, or undefined when the body is not one. Kept tolerant because
 * no error shape is published for this surface: OpenAI's `{error: {code, message}}` (`error` may
 * also be a bare string), the Models API object `{errorCode, message}`, the gateway's
 * `{errors: [{message}]}`, and the Salesforce REST habit of a one-element array of those.
 */
export function readErrorBody(body: unknown): UpstreamErrorReport | undefined {
  const object = asJsonObject(Array.isArray(body) ? body[0] : body);
  if (!object) return undefined;
  if (typeof object.error === 'string') return { message: object.error };
  const nested = asJsonObject(object.error);
  if (nested) return report(nested.code ?? nested.type, nested.message);
  if (object.errorCode !== undefined) return report(object.errorCode, object.message);
  if (Array.isArray(object.errors) && object.errors.length > 0) {
    const first = asJsonObject(object.errors[0]);
    return report(first?.errorCode ?? first?.code, first?.message);
  }
  return undefined;
}

function report(code: unknown, message: unknown): UpstreamErrorReport {
  return {
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
    ...(typeof message === 'string' && message !== '' ? { message } : {}),
  };
}
