// A run of whitespace plus up to 16 code points of non-whitespace; the `u` flag keeps surrogate
// pairs whole so no piece carries half an emoji.
const wordPattern = /\s*\S{1,16}|\s+/gu;
const pieceLength = 16;

/** Cuts text into word-aligned pieces of about 16 characters whose concatenation is the text. */
export function splitIntoPieces(text: string): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const word of text.match(wordPattern) ?? []) {
    if (current.length > 0 && current.length + word.length > pieceLength) {
      pieces.push(current);
      current = '';
    }
    current += word;
  }
  if (current.length > 0) pieces.push(current);
  return pieces;
}
