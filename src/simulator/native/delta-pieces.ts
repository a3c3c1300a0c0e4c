/** Cuts an answer text into streaming deltas of one word each (with its trailing space). */
export function splitTextIntoDeltas(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text === '' ? [] : [text]);
}

const argumentPieceLength = 12;

/** Cuts a JSON arguments string into fragments of a few characters, as providers stream them. */
export function splitArgumentsIntoDeltas(json: string): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < json.length; start += argumentPieceLength) {
    pieces.push(json.slice(start, start + argumentPieceLength));
  }
  return pieces;
}
