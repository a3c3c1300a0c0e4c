import { createReplyWithError } from '../shared/reply-with-error.ts';
import { encodeError } from './errors.ts';

/** Sends an OpenAI-shaped error response and logs it at a level that matches whose fault it was. */
export const replyWithError = createReplyWithError((error) => encodeError(error));
