import { createReplyWithError } from '../shared/reply-with-error.ts';
import { encodeError } from './errors.ts';

/** Sends an Anthropic-shaped error response, which names the request id, and logs it at a level
 * that matches whose fault it was. */
export const replyWithError = createReplyWithError((error, request) => encodeError(error, request.id));
