import { envelopeTags } from './envelope.ts';
import { findTaggedBlocks, type TaggedBlock } from './find-tagged-blocks.ts';

/** A stretch of model text that may hold tool calls; `start`/`end` is the span the calls replace. */
export interface JsonCandidate {
  kind: 'envelope' | 'fence' | 'bare';
  start: number;
  end: number;
  json: string;
}

const fenceMarker = '```';
const jsonFenceLanguages = new Set(['', 'json', 'json5', 'jsonc']);
/** Each unmatched bracket costs a scan to the end of the text; this bounds that work. */
const maximumUnbalancedCandidates = 16;

/**
 * Where tool calls may be, in order of trust: every <tool_calls> block; when there is none, every
 * JSON code fence; when there is none, every top-level JSON object or array in the prose. A bare
 * candidate whose brackets never close runs to the end (jsonrepair closes it), and the scan then
 * also looks inside it, so a stray "{" in prose cannot hide a call that follows. Nothing that
 * starts inside a <tool_results> block is a candidate: a model that quotes the results it was
 * given back is reporting on calls already made, and reading them as new calls loops an agent.
 */
export function findJsonCandidates(text: string): JsonCandidate[] {
  const quotedResults = findTaggedBlocks(text, envelopeTags.toolResults);
  const outsideResults = (candidate: JsonCandidate) =>
    enclosingBlock(quotedResults, candidate.start) === undefined;
  const envelopes = findTaggedBlocks(text, envelopeTags.toolCalls)
    .map(
      (block): JsonCandidate => ({ kind: 'envelope', start: block.start, end: block.end, json: block.body }),
    )
    .filter(outsideResults);
  if (envelopes.length > 0) return envelopes;
  const fences = findFences(text).filter(outsideResults);
  if (fences.length > 0) return fences;
  return findBareJson(text, quotedResults);
}

function enclosingBlock(blocks: readonly TaggedBlock[], index: number): TaggedBlock | undefined {
  return blocks.find((block) => block.start <= index && index < block.end);
}

function findFences(text: string): JsonCandidate[] {
  const candidates: JsonCandidate[] = [];
  let from = 0;
  for (;;) {
    const start = findFenceLine(text, from);
    if (start === -1) return candidates;
    const infoEnd = lineEnd(text, start);
    const language = text
      .slice(start + fenceMarker.length, infoEnd)
      .trim()
      .toLowerCase();
    const bodyStart = Math.min(infoEnd + 1, text.length);
    const closing = findFenceLine(text, bodyStart);
    const bodyEnd = closing === -1 ? text.length : closing;
    const end = closing === -1 ? text.length : closing + fenceMarker.length;
    if (jsonFenceLanguages.has(language)) {
      candidates.push({ kind: 'fence', start, end, json: text.slice(bodyStart, bodyEnd).trim() });
    }
    from = end;
  }
}

/** The index of the next ``` that opens a line (after at most three spaces), or -1. */
function findFenceLine(text: string, from: number): number {
  for (
    let index = text.indexOf(fenceMarker, from);
    index !== -1;
    index = text.indexOf(fenceMarker, index + 1)
  ) {
    const lineStart = text.lastIndexOf('\n', index - 1) + 1;
    if (index - lineStart <= 3 && text.slice(lineStart, index).trim() === '') return index;
  }
  return -1;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

function findBareJson(text: string, skipped: readonly TaggedBlock[]): JsonCandidate[] {
  const candidates: JsonCandidate[] = [];
  let unbalanced = 0;
  let from = 0;
  while (unbalanced < maximumUnbalancedCandidates) {
    const start = findOpeningBracket(text, from, skipped);
    if (start === -1) break;
    const end = findBalancedEnd(text, start);
    candidates.push({ kind: 'bare', start, end: end ?? text.length, json: text.slice(start, end) });
    if (end === undefined) unbalanced++;
    from = end ?? start + 1;
  }
  return candidates;
}

/** The next bracket outside the skipped blocks, which are jumped whole so they cost no candidates. */
function findOpeningBracket(text: string, from: number, skipped: readonly TaggedBlock[]): number {
  for (let index = from; index < text.length; index++) {
    if (text[index] !== '{' && text[index] !== '[') continue;
    const block = enclosingBlock(skipped, index);
    if (block === undefined) return index;
    index = block.end - 1;
  }
  return -1;
}

/** The index just past the bracket that closes the one at `start`, or undefined when none does. */
function findBalancedEnd(text: string, start: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const character = text[index];
    if (inString) {
      if (character === '\\') index++;
      else if (character === '"') inString = false;
    } else if (character === '"') {
      inString = true;
    } else if (character === '{' || character === '[') {
      depth++;
    } else if (character === '}' || character === ']') {
      depth--;
      if (depth === 0) return index + 1;
    }
  }
  return undefined;
}
