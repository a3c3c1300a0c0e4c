import { lastPreTokenBoundary } from './last-pre-token-boundary.ts';

// Byte-pair encoding costs the square of a pre-token's length ('a' repeated a million times takes
// minutes), so long texts are counted in pieces short enough that none costs more than a fraction
// of a millisecond. A piece ends where a pre-token must begin, which keeps the count exact; a
// stretch with no such spot (a run of one letter, of whitespace, of punctuation) is cut at the
// limit anyway, splitting one pre-token in two, which adds at most one token per cut.

/**
 * Longest piece, in UTF-8 bytes, which the encoding works on. Measured with o200k_base, the
 * slowest piece this long, random lower-case letters, takes 0.4 ms. A multiple of 3 (digits go in
 * threes) and of 128 (the longest token of spaces), so that a cut through such a run costs nothing.
 */
export const maxPieceBytes = 384;

/** Consecutive pieces of `text`, which join back into it, to count one at a time. */
export function* piecesForCounting(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    const end = pieceEnd(text, start);
    yield text.slice(start, end);
    start = end;
  }
}

function pieceEnd(text: string, start: number): number {
  const limit = indexAfterBytes(text, start, maxPieceBytes);
  if (limit === text.length) return limit;
  // one character past the limit, so that a boundary just at the limit can be seen
  const window = text.slice(start, withoutSplittingPair(text, limit + 1));
  const boundary = lastPreTokenBoundary(window);
  return boundary > 0 ? start + boundary : limit;
}

// Where `text` from `start` has used up `bytes` UTF-8 bytes, between two characters.
function indexAfterBytes(text: string, start: number, bytes: number): number {
  let index = start;
  let used = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    const isPair = isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(index + 1));
    // a lone surrogate is encoded as the replacement character, three bytes
    const width = code < 0x80 ? 1 : code < 0x800 ? 2 : isPair ? 4 : 3;
    if (used + width > bytes) break;
    used += width;
    index += isPair ? 2 : 1;
  }
  return index;
}

// Cutting between the halves of a surrogate pair would count two replacement characters.
function withoutSplittingPair(text: string, index: number): number {
  return isHighSurrogate(text.charCodeAt(index - 1)) && isLowSurrogate(text.charCodeAt(index))
    ? index - 1
    : index;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
