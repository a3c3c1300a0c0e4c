import type { ChatResult, ResponseFormat } from '../core/model.ts';
import type { SchemaValidator } from './schema/schema-validator.ts';
import { findJsonCandidates } from './tools/find-json-candidates.ts';
import { parseJsonLeniently } from './tools/parse-json-leniently.ts';

/** The outcome of checking an answer against a JSON response format. */
export type StructuredReading =
  | { ok: true; result: ChatResult; repaired: boolean }
  | { ok: false; problem: string };

/** Extracts the JSON object the answer should be, validates it, and returns it as compact JSON text. */
export async function readStructuredOutput(
  result: ChatResult,
  format: Exclude<ResponseFormat, { type: 'text' }>,
  validator: SchemaValidator,
): Promise<StructuredReading> {
  const text = result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
  const extracted = extractJsonObject(text);
  if (!extracted) return { ok: false, problem: 'the reply held no JSON object' };
  let value = extracted.value;
  let repaired = extracted.repaired;
  if (format.type === 'json-schema') {
    const checked = await validator.validate(format.schema, value);
    if (!checked.valid) return { ok: false, problem: checked.problem };
    value = checked.value;
    repaired ||= checked.repaired;
  }
  return {
    ok: true,
    repaired,
    result: { ...result, content: [{ type: 'text', text: JSON.stringify(value) }] },
  };
}

// The whole reply first (the model did as told), then fenced or bare JSON inside prose.
function extractJsonObject(text: string): { value: Record<string, unknown>; repaired: boolean } | undefined {
  const candidates = [text.trim(), ...findJsonCandidates(text).map((candidate) => candidate.json)];
  for (const candidate of candidates) {
    const parsed = parseJsonLeniently(candidate);
    if (parsed && isPlainObject(parsed.value)) {
      return { value: parsed.value, repaired: parsed.repaired || candidate !== text.trim() };
    }
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
