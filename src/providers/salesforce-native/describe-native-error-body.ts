import { describeNativeError, readNativeErrorBody } from './shared/read-native-error-body.ts';
import { safeUpstreamText } from './shared/safe-upstream-text.ts';

// A failed answer's body may be any error shape the routes read (see readNativeErrorBody), plain
// text, an HTML page or nothing. Whatever it is, what reaches a client is a short text with
// anything that looks like a credential blotted out.

/** What an error body says: a safe message, and the machine-readable type or code it named. */
export interface NativeErrorBody {
  message: string;
  /** e.g. `rate_limit_error`, `throttlingException`, `INVALID_INPUT`; empty when none was given. */
  type: string;
}

/** Reads an error body of any shape into a message that is safe to show a client. */
export function describeNativeErrorBody(body: string): NativeErrorBody {
  const text = body.trim();
  if (text === '') return { message: 'no details given (empty body)', type: '' };
  if (text.startsWith('<')) return { message: 'no details given (an HTML page)', type: '' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { message: safeUpstreamText(text), type: '' };
  }
  const report = readNativeErrorBody(parsed);
  if (!report) return { message: 'no details given (unrecognised JSON)', type: '' };
  return { message: describeNativeError(report), type: safeUpstreamText(report.code ?? '') };
}
