import type { ChatResult } from './model.ts';

/** Cuts the answer at the earliest stop sequence, for upstreams that cannot stop by themselves. */
export function applyStopSequences(result: ChatResult, stopSequences: string[]): ChatResult {
  if (stopSequences.length === 0) return result;
  const content: ChatResult['content'] = [];
  for (const part of result.content) {
    if (part.type !== 'text') {
      content.push(part);
      continue;
    }
    const hit = findEarliest(part.text, stopSequences);
    if (!hit) {
      content.push(part);
      continue;
    }
    const text = part.text.slice(0, hit.position);
    if (text !== '') content.push({ type: 'text', text });
    return {
      ...result,
      content,
      finishReason: { unified: 'stop-sequence', raw: result.finishReason.raw, stopSequence: hit.sequence },
    };
  }
  return result;
}

// Each distinct sequence is searched for once, and only where it could still win: a hit has to
// start before the earliest one found so far, so the text after that is never searched again.
function findEarliest(text: string, sequences: string[]): { position: number; sequence: string } | undefined {
  let earliest: { position: number; sequence: string } | undefined;
  for (const sequence of new Set(sequences)) {
    if (sequence === '') continue;
    const searched = earliest ? text.slice(0, earliest.position + sequence.length - 1) : text;
    const position = searched.indexOf(sequence);
    if (position !== -1) earliest = { position, sequence };
  }
  return earliest;
}
