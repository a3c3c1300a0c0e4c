import { scrubFrames } from './scrub-frames.ts';
import { scrubSecrets } from './secret-scrubber.ts';

/** A body as the console keeps it: scrubbed of secrets, and cut at the byte bound. */
export interface CapturedBody {
  text: string;
  /** The body was longer than the bound and was cut. */
  truncated: boolean;
}

// No string beyond the byte bound can be kept whole; past it plus this margin nothing can be
// kept at all, and a secret that starts before the cut is still seen whole by the scrubber.
const scrubbedBeyondBound = 4_096;

/** A parsed JSON body (a request's), scrubbed and bounded. */
export function captureJsonBody(body: unknown, maxBytes: number): CapturedBody {
  return cutToBytes(JSON.stringify(scrubSecrets(body, maxBytes + scrubbedBeyondBound)) ?? '', maxBytes);
}

/** A serialized answer or a stream's frames, scrubbed (across frames too) and bounded. */
export function captureTextBody(text: string, maxBytes: number, alreadyCut = false): CapturedBody {
  const captured = cutToBytes(scrubFrames(text), maxBytes);
  return { text: captured.text, truncated: captured.truncated || alreadyCut };
}

/** `text` cut to at most `maxBytes` of UTF-8, never inside a character. */
export function cutToBytes(text: string, maxBytes: number): CapturedBody {
  // a UTF-16 unit is at most 3 UTF-8 bytes: short texts need no encoding to be known to fit
  if (text.length * 3 <= maxBytes) return { text, truncated: false };
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return { text, truncated: false };
  let end = maxBytes;
  // back off continuation bytes (10xxxxxx) so the cut lands on a character's first byte
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return { text: bytes.subarray(0, end).toString('utf8'), truncated: true };
}
