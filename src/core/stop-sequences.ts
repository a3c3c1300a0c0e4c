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

function findEarliest(text: string, sequences: string[]): { position: number; sequence: string } | undefined {
  let earliest: { position: number; sequence: string } | undefined;
  for (const sequence of sequences) {
    if (sequence === '') continue;
    const position = text.indexOf(sequence);
    if (position !== -1 && (!earliest || position < earliest.position)) earliest = { position, sequence };
  }
  return earliest;
}
