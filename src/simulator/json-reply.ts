import type { ArgumentHints } from './argument-hints.ts';
import type { ScenarioMarkers } from './scenario-markers.ts';
import { buildSchemaExample } from './schema-example.ts';
import { buildSchemaViolation } from './schema-violation.ts';

/** What a structured-output answer is built from. */
export interface JsonReplyInput {
  /** The <response_schema>, or undefined for a plain JSON-object request. */
  schema: Record<string, unknown> | undefined;
  markers: ScenarioMarkers;
  /** Answer text used as `{"answer": …}` when there is no schema. */
  answerText: string;
  hints: ArgumentHints;
}

/** A JSON answer in the shape the markers ask for: clean, fenced, with prose, or invalid. */
export function buildJsonReply(input: JsonReplyInput): string {
  const { schema, markers } = input;
  const valid = schema === undefined ? { answer: input.answerText } : buildSchemaExample(schema, input.hints);
  const { jsonShape } = markers;
  if (jsonShape === 'invalid' || (jsonShape === 'invalid-then-valid' && !markers.correctedAfterJsonMarker)) {
    return JSON.stringify(buildSchemaViolation(schema ?? { type: 'object' }, valid));
  }
  switch (jsonShape) {
    case 'fenced':
      return `\`\`\`json\n${JSON.stringify(valid, null, 2)}\n\`\`\``;
    case 'prose-around':
      return `Here is the JSON you asked for:\n${JSON.stringify(valid)}\nLet me know if you need anything else.`;
    default:
      return JSON.stringify(valid);
  }
}
