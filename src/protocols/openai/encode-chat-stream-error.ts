import type { GatewayError } from '../../core/errors.ts';
import { encodeSseEvent } from '../../streaming/sse.ts';
import { encodeError } from './errors.ts';

/** The in-stream error frame of OpenAI's chat and completion streams. */
export function encodeChatStreamError(error: GatewayError): string {
  return encodeSseEvent(JSON.stringify(encodeError(error).body));
}
