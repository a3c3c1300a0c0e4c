import type { ResponseFormat } from '../core/model.ts';
import { envelopeTags, renderBlock } from './tools/envelope.ts';

/** The opening words of every structured-output instruction; the simulator reads them. */
export const jsonOnlyInstruction = 'Reply with only a JSON object';

/** The system instruction for json_object and json_schema response formats (none for text). */
export function buildStructuredOutputInstructions(format: ResponseFormat): string | undefined {
  switch (format.type) {
    case 'text':
      return undefined;
    case 'json-object':
      return `${jsonOnlyInstruction}: no prose before or after it and no code fences.`;
    case 'json-schema':
      return [
        `${jsonOnlyInstruction} that is valid against the JSON Schema "${format.name}" below: no prose before or after it and no code fences.`,
        renderBlock(envelopeTags.responseSchema, format.schema, 2),
      ].join('\n');
  }
}

/** The follow-up sent once when the answer did not match the schema. */
export function buildStructuredOutputCorrection(problem: string): string {
  return `Your last reply was not valid: ${problem}. ${jsonOnlyInstruction} that fixes this, and nothing else.`;
}
