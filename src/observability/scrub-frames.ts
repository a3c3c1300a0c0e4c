import { redactionCensor } from './logger.ts';
import { findSecretSpans, isSecretKeyName, maximumScrubDepth, scrubSecretText } from './secret-scrubber.ts';

// A streamed answer spreads its text over many frames ("ops-key-5d1f" in one delta, "0c9e8b7a"
// in the next), so no frame holds a whole secret. The strings found at the same place of every
// frame (e.g. choices.delta.content) are joined and searched as one text, and what a span covers
// is taken out of each piece: the piece it starts in shows the censor, the rest lose their part.

/** One string of a parsed frame, where it sits. */
interface Piece {
  holder: Record<string, unknown> | unknown[];
  key: string | number;
  value: string;
}

/**
 * An answer or a stream's frames (one JSON document a line, with or without "data: "), scrubbed
 * of secrets by key, by pattern and by `knownSecrets`, across frames as well as within them.
 */
export function scrubFrames(text: string, knownSecrets: readonly string[] = []): string {
  const lines = text.split('\n');
  const documents: { index: number; prefix: string; value: unknown }[] = [];
  const places = new Map<string, Piece[]>();
  lines.forEach((line, index) => {
    const prefix = line.startsWith('data: ') ? 'data: ' : '';
    const json = line.slice(prefix.length);
    if (!json.startsWith('{') && !json.startsWith('[')) {
      lines[index] = scrubSecretText(line, knownSecrets);
      return;
    }
    try {
      const value: unknown = JSON.parse(json);
      documents.push({ index, prefix, value });
      collectPieces(value, '', places);
    } catch {
      lines[index] = scrubSecretText(line, knownSecrets);
    }
  });
  for (const pieces of places.values()) scrubPlace(pieces, knownSecrets);
  for (const { index, prefix, value } of documents) lines[index] = `${prefix}${JSON.stringify(value)}`;
  return lines.join('\n');
}

// Values under secret-named keys are censored here; every other string is gathered by its path
// without array positions, so each frame's choices[0].delta.content joins the others'.
function collectPieces(value: unknown, path: string, places: Map<string, Piece[]>, depth = 0): void {
  if (typeof value !== 'object' || value === null) return;
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  for (const [key, inner] of entries) {
    const innerPath = typeof key === 'number' ? path : `${path}.${key}`;
    if (typeof key === 'string' && isSecretKeyName(key)) {
      (value as Record<string, unknown>)[key] = redactionCensor;
    } else if (typeof inner === 'string') {
      const pieces = places.get(innerPath) ?? [];
      pieces.push({ holder: value as Record<string, unknown>, key, value: inner });
      places.set(innerPath, pieces);
    } else if (depth + 1 >= maximumScrubDepth && typeof inner === 'object' && inner !== null) {
      // not walked, so not shown
      (value as Record<string | number, unknown>)[key] = '[too deep]';
    } else collectPieces(inner, innerPath, places, depth + 1);
  }
}

function scrubPlace(pieces: Piece[], knownSecrets: readonly string[]): void {
  // the same string in every frame (an id, a model name) is no text spread over frames
  if (pieces.every((piece) => piece.value === pieces[0]?.value)) {
    for (const piece of pieces) write(piece, scrubSecretText(piece.value, knownSecrets));
    return;
  }
  const spans = findSecretSpans(pieces.map((piece) => piece.value).join(''), knownSecrets);
  let offset = 0;
  for (const piece of pieces) {
    const start = offset;
    const end = offset + piece.value.length;
    offset = end;
    let scrubbed = '';
    let kept = start;
    for (const [spanStart, spanEnd] of spans) {
      if (spanEnd <= start || spanStart >= end) continue;
      scrubbed += piece.value.slice(kept - start, Math.max(spanStart, start) - start);
      if (spanStart >= start) scrubbed += redactionCensor;
      kept = Math.min(spanEnd, end);
    }
    if (kept !== start || scrubbed !== '') write(piece, scrubbed + piece.value.slice(kept - start));
  }
}

function write(piece: Piece, value: string): void {
  (piece.holder as Record<string | number, unknown>)[piece.key] = value;
}
