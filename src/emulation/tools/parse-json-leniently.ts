import { jsonrepair } from 'jsonrepair';

/** A JSON object or array read from model text; `repaired` is false only when strict JSON parsed it. */
export interface LenientJson {
  value: unknown;
  repaired: boolean;
}

const byteOrderMark = '\uFEFF';
const smartDoubleQuotes = /[\u201C\u201D]/g;
const straightDoubleQuote = '"';

/**
 * Reads a JSON object or array from nearly-JSON text: strict JSON, then a light cleanup, then
 * jsonrepair. Anything that does not end up an object or array is refused, because jsonrepair
 * turns plain prose into a JSON string.
 */
export function parseJsonLeniently(text: string): LenientJson | undefined {
  const strict = parseStrictly(text);
  if (strict !== undefined)
    return isContainer(strict.value) ? { value: strict.value, repaired: false } : undefined;
  const cleaned = cleanUp(text);
  const afterCleanup = parseStrictly(cleaned);
  if (afterCleanup !== undefined) return accept(afterCleanup.value);
  try {
    return accept(JSON.parse(jsonrepair(cleaned)));
  } catch {
    return undefined;
  }
}

function accept(value: unknown): LenientJson | undefined {
  return isContainer(value) ? { value, repaired: true } : undefined;
}

function parseStrictly(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

function isContainer(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

/** Drops a byte order mark and trailing commas outside strings; smart quotes become straight ones
 * only when the text has no straight double quote, since otherwise they are likely string content. */
function cleanUp(text: string): string {
  let source = text.startsWith(byteOrderMark) ? text.slice(1) : text;
  if (!source.includes(straightDoubleQuote)) source = source.replace(smartDoubleQuotes, straightDoubleQuote);
  return removeTrailingCommas(source);
}

function removeTrailingCommas(text: string): string {
  let result = '';
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (inString) {
      if (character === '\\') {
        result += text.slice(index, index + 2);
        index++;
        continue;
      }
      if (character === '"') inString = false;
    } else if (character === '"') {
      inString = true;
    } else if (character === ',' && closesNext(text, index + 1)) {
      continue;
    }
    result += character;
  }
  return result;
}

function closesNext(text: string, from: number): boolean {
  for (let index = from; index < text.length; index++) {
    const character = text[index];
    if (character === '}' || character === ']') return true;
    if (character !== ' ' && character !== '\n' && character !== '\r' && character !== '\t') return false;
  }
  return false;
}
