// A run of whitespace plus up to 16 code points of non-whitespace; the `u` flag keeps surrogate
// pairs whole so no piece carries half an emoji.
const wordPattern = /\s*\S{1,16}|\s+/gu;
const pieceLength = 16;

/**
 * Cuts text into word-aligned pieces of about 16 characters whose concatenation is the text.
 * Lazily, one piece at a time: a stream that waits for its reader holds no list of the rest.
 */
export function* splitIntoPieces(text: string): Generator<string> {
  let current = '';
  for (const [word] of text.matchAll(wordPattern)) {
    if (current.length > 0 && current.length + word.length > pieceLength) {
      yield current;
      current = '';
    }
    current += word;
  }
  if (current.length > 0) yield current;
}
