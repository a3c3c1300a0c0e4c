import { envelopeTags } from './envelope.ts';

/** A stretch of model text that may hold tool calls; `start`/`end` is the span the calls replace. */
export interface JsonCandidate {
  kind: 'envelope' | 'fence' | 'bare';
  start: number;
  end: number;
  json: string;
}

// Models also write the singular <tool_call> (the Hermes/Qwen habit), so both spellings count.
const openingTagStem = envelopeTags.toolCalls[0].slice(0, -2);
const closingTagStem = envelopeTags.toolCalls[1].slice(0, -2);
const fenceMarker = '```';
const jsonFenceLanguages = new Set(['', 'json', 'json5', 'jsonc']);
/** Each unmatched bracket costs a scan to the end of the text; this bounds that work. */
const maximumUnbalancedCandidates = 16;

/**
 * Where tool calls may be, in order of trust: every <tool_calls> block; when there is none, every
 * JSON code fence; when there is none, every top-level JSON object or array in the prose. A bare
 * candidate whose brackets never close runs to the end (jsonrepair closes it), and the scan then
 * also looks inside it, so a stray "{" in prose cannot hide a call that follows.
 */
export function findJsonCandidates(text: string): JsonCandidate[] {
  const envelopes = findEnvelopes(text);
  if (envelopes.length > 0) return envelopes;
  const fences = findFences(text);
  if (fences.length > 0) return fences;
  return findBareJson(text);
}

function findEnvelopes(text: string): JsonCandidate[] {
  const candidates: JsonCandidate[] = [];
  let from = 0;
  for (;;) {
    const opening = findTag(text, openingTagStem, from);
    if (opening === undefined) return candidates;
    const closing = findClosingTag(text, opening.end);
    const body = unwrapFence(text.slice(opening.end, closing?.start).trim());
    if (closing === undefined && !startsLikeJson(body)) {
      from = opening.end;
      continue;
    }
    const end = closing?.end ?? text.length;
    candidates.push({ kind: 'envelope', start: opening.start, end, json: body });
    from = end;
  }
}

/** The next `<stem>` or `<stem>s>` tag at or after `from`. */
function findTag(text: string, stem: string, from: number): { start: number; end: number } | undefined {
  for (let start = text.indexOf(stem, from); start !== -1; start = text.indexOf(stem, start + 1)) {
    const end = tagEndAt(text, stem, start);
    if (end !== undefined) return { start, end };
  }
  return undefined;
}

/** The end of a `<stem>` or `<stem>s>` tag that starts exactly at `start`. */
function tagEndAt(text: string, stem: string, start: number): number | undefined {
  if (!text.startsWith(stem, start)) return undefined;
  const after = start + stem.length;
  if (text[after] === '>') return after + 1;
  if (text[after] === 's' && text[after + 1] === '>') return after + 2;
  return undefined;
}

/** The closing tag, skipping any that sits inside a JSON string (an argument may quote the tag). */
function findClosingTag(text: string, from: number): { start: number; end: number } | undefined {
  let inString = false;
  for (let index = from; index < text.length; index++) {
    const character = text[index];
    if (inString) {
      if (character === '\\') index++;
      else if (character === '"') inString = false;
    } else if (character === '"') {
      inString = true;
    } else if (character === '<') {
      const end = tagEndAt(text, closingTagStem, index);
      if (end !== undefined) return { start: index, end };
    }
  }
  // An unterminated string hid every closing tag: fall back to the first one in the raw text.
  return findTag(text, closingTagStem, from);
}

function unwrapFence(body: string): string {
  if (!body.startsWith(fenceMarker)) return body;
  const firstLineEnd = body.indexOf('\n');
  if (firstLineEnd === -1) return body;
  const inner = body.slice(firstLineEnd + 1);
  return (inner.endsWith(fenceMarker) ? inner.slice(0, -fenceMarker.length) : inner).trim();
}

function startsLikeJson(body: string): boolean {
  return body.startsWith('[') || body.startsWith('{');
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

function findBareJson(text: string): JsonCandidate[] {
  const candidates: JsonCandidate[] = [];
  let unbalanced = 0;
  let from = 0;
  while (unbalanced < maximumUnbalancedCandidates) {
    const start = findOpeningBracket(text, from);
    if (start === -1) break;
    const end = findBalancedEnd(text, start);
    candidates.push({ kind: 'bare', start, end: end ?? text.length, json: text.slice(start, end) });
    if (end === undefined) unbalanced++;
    from = end ?? start + 1;
  }
  return candidates;
}

function findOpeningBracket(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    if (text[index] === '{' || text[index] === '[') return index;
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
