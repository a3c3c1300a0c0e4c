import type { EventStreamCodec, Message, MessageHeaders } from '@smithy/eventstream-codec';
import { type ErrorKind, GatewayError } from '../../../core/errors.ts';
import { asJsonObject, asString, type JsonObject } from '../shared/as-json-object.ts';
import { safeUpstreamText } from '../shared/safe-upstream-text.ts';
import { splitEventStreamFrames } from './split-event-stream-frames.ts';

/** Bedrock's mid-stream exception members -> error kinds (Bedrock's own statuses in comments). */
const kindByException: Record<string, ErrorKind> = {
  throttlingException: 'rate_limit', // 429
  serviceUnavailableException: 'upstream_unavailable', // 503
  modelTimeoutException: 'upstream_timeout', // 408
  validationException: 'invalid_request', // 400
  internalServerException: 'upstream_error', // 500
  modelStreamErrorException: 'upstream_error', // 424
};

/** An event-stream body -> the Anthropic stream events its `chunk` frames carry, as JSON objects.
 * Exception and error frames throw a GatewayError; so do bad CRCs and unreadable payloads. */
export async function* decodeBedrockFrames(body: AsyncIterable<Uint8Array>): AsyncIterable<JsonObject> {
  // loaded on the first native Bedrock stream: other gateways never pay its ~10 MiB of RSS
  const [{ EventStreamCodec }, { fromUtf8, toUtf8 }] = await Promise.all([
    import('@smithy/eventstream-codec'),
    import('@smithy/util-utf8'),
  ]);
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  for await (const frame of splitEventStreamFrames(body)) {
    const message = decodeFrame(codec, frame);
    const messageType = header(message.headers, ':message-type') ?? 'event';
    if (messageType === 'exception') throw mapException(message);
    if (messageType === 'error') throw mapErrorFrame(message.headers);
    // other event types (none are known on this route) carry no Anthropic event
    if (messageType === 'event' && header(message.headers, ':event-type') === 'chunk') {
      yield readChunk(message.body);
    }
  }
}

function decodeFrame(codec: EventStreamCodec, frame: Uint8Array): Message {
  try {
    return codec.decode(frame);
  } catch (cause) {
    // the codec checks both CRCs and the header encoding
    throw new GatewayError('upstream_error', "Salesforce's event stream has a corrupt frame.", {
      retryable: false,
      detail: { reason: cause instanceof Error ? cause.message : String(cause) },
      cause,
    });
  }
}

function header(headers: MessageHeaders, name: string): string | undefined {
  const value = headers[name];
  return value?.type === 'string' ? value.value : undefined;
}

// A chunk's payload is {"bytes": base64 of one Anthropic event}; Bedrock may add a random-length
// padding field `p` to hide token sizes, which is ignored with any other unknown key.
function readChunk(payload: Uint8Array): JsonObject {
  const bytes = asString(parseJson(utf8(payload))?.bytes);
  const event = bytes === undefined ? undefined : parseJson(Buffer.from(bytes, 'base64').toString('utf8'));
  if (!event) throw unreadable('a chunk frame holds no Anthropic event');
  return event;
}

function mapException(message: Message): GatewayError {
  const exception = safeUpstreamText(header(message.headers, ':exception-type') ?? 'unknownException');
  const said = safeUpstreamText(asString(parseJson(utf8(message.body))?.message) ?? '') || 'no details given';
  return new GatewayError(
    kindByException[exception] ?? 'upstream_error',
    `Salesforce's stream failed with ${exception}: ${said}`,
    { code: exception, detail: { upstreamError: said } },
  );
}

function mapErrorFrame(headers: MessageHeaders): GatewayError {
  const code = safeUpstreamText(header(headers, ':error-code') ?? 'unknown');
  const said = safeUpstreamText(header(headers, ':error-message') ?? '') || 'no details given';
  return new GatewayError('upstream_error', `Salesforce's stream failed with ${code}: ${said}`, {
    code,
    detail: { upstreamError: said },
  });
}

function utf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

function parseJson(text: string): JsonObject | undefined {
  try {
    return asJsonObject(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function unreadable(reason: string): GatewayError {
  return new GatewayError('upstream_error', `Salesforce's event stream cannot be read: ${reason}.`, {
    retryable: false,
  });
}
