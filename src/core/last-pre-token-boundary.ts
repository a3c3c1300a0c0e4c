// Where o200k_base's pre-tokenizer starts a new pre-token whatever text surrounds the spot, so
// counting the text on each side apart gives exactly the count of the whole.
//
// Its split pattern (gpt-tokenizer's O200K_TOKEN_SPLIT_REGEX) matches one of: an optional character
// that is no letter, digit or newline, then letters and marks, then an optional English contraction;
// one to three digits; an optional space, then other characters, then newlines or slashes; a run of
// whitespace. No such match holds any neighbouring pair below, so every scan, from wherever it
// starts, ends a pre-token between the two; the pattern's one lookahead follows whitespace, which
// never comes before one of these spots, so a piece that ends there is split as in the whole text.

const boundaries = [
  // anything but whitespace, then whitespace other than a newline
  String.raw`(?<=\S)(?=[^\S\r\n])`,
  // a letter, then anything but a letter, a mark or the apostrophe of a contraction
  String.raw`(?<=\p{L})(?=[^\p{L}\p{M}'])`,
  // a digit, then anything but a digit
  String.raw`(?<=\p{N})(?=\P{N})`,
  // a character that is no letter, digit or whitespace, then a digit
  String.raw`(?<=[^\s\p{L}\p{N}])(?=\p{N})`,
];
// the greedy prefix makes the engine try the spots from the end backwards, each in constant time
const lastBoundary = new RegExp(`^[^]*(?:${boundaries.join('|')})`, 'u');

/**
 * Offset of the last spot inside `text` where a pre-token must begin, or 0 when there is none.
 * The end of `text` is never such a spot, since the rules must see the character after it, so
 * `text` must not end between the halves of a surrogate pair.
 */
export function lastPreTokenBoundary(text: string): number {
  return lastBoundary.exec(text)?.[0].length ?? 0;
}
