// No error body of the native surface is published: it may be the Models API error object, the
// gateway's {"errors":[…]}, an Anthropic or OpenAI error passed through from the provider, an AWS
// {"message"}, plain text, an HTML page or nothing. Whatever it is, what reaches a client is a
// short text with anything that looks like a credential blotted out.

/** What an error body says: a safe message, and the machine-readable type or code it named. */
export interface NativeErrorBody {
  message: string;
  /** e.g. `rate_limit_error`, `throttlingException`, `INVALID_INPUT`; empty when none was given. */
  type: string;
}

const longestMessage = 300;

/** Reads an error body of any shape into a message that is safe to show a client. */
export function describeNativeErrorBody(body: string): NativeErrorBody {
  const text = body.trim();
  if (text === '') return { message: 'no details given (empty body)', type: '' };
  if (text.startsWith('<')) return { message: 'no details given (an HTML page)', type: '' };
  const said = readJson(text) ?? { message: text, type: '' };
  return { message: redactSecrets(shorten(said.message)), type: said.type };
}

function readJson(text: string): NativeErrorBody | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const first = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!isRecord(first)) return { message: 'no details given (unrecognised JSON)', type: '' };
  return readErrorObject(first) ?? { message: 'no details given (unrecognised JSON)', type: '' };
}

// In order: Anthropic {type:"error",error:{type,message}} and OpenAI {error:{message,type,code}};
// the gateway's {errors:[{message}]}; the Models API's {errorCode,message}; AWS {message} or {Message}.
function readErrorObject(value: Record<string, unknown>): NativeErrorBody | undefined {
  if (isRecord(value.error)) {
    const inner = readErrorObject(value.error);
    if (inner) return inner;
  }
  if (typeof value.error === 'string') return { message: value.error, type: stringField(value, 'code') };
  if (Array.isArray(value.errors) && isRecord(value.errors[0])) return readErrorObject(value.errors[0]);
  const message = value.message ?? value.Message ?? value.error_description;
  if (typeof message !== 'string') return undefined;
  const type =
    stringField(value, 'errorCode') ||
    stringField(value, 'code') ||
    stringField(value, '__type') ||
    (value.type === 'error' ? '' : stringField(value, 'type'));
  return { message: type === '' || message.includes(type) ? message : `${type}: ${message}`, type };
}

function stringField(value: Record<string, unknown>, name: string): string {
  const field = value[name];
  return typeof field === 'string' ? field : typeof field === 'number' ? String(field) : '';
}

function shorten(message: string): string {
  const oneLine = message.replace(/\s+/g, ' ').trim();
  return oneLine.length > longestMessage ? `${oneLine.slice(0, longestMessage)}…` : oneLine;
}

// Bearer credentials, JWTs (an OrgJWT starts eyJ) and Salesforce session ids (00D…!…) that an
// upstream might echo back.
const secretPatterns = [
  /\bbearer\s+[\w.~+/=-]+/gi,
  /\beyJ[\w-]*\.[\w-]+\.[\w-]*/g,
  /\b00D[A-Za-z0-9]{12,15}![\w.]+/g,
];

function redactSecrets(text: string): string {
  return secretPatterns.reduce((redacted, pattern) => redacted.replace(pattern, '[redacted]'), text);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
