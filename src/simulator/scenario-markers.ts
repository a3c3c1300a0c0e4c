import { buildStructuredOutputCorrection } from '../emulation/structured-output-prompt.ts';

/** Every way the simulator can write a tool call, chosen with `#tool-shape=<name>` in a user message. */
export const toolCallShapes = [
  'envelope',
  'fenced',
  'bare',
  'tool-calls-object',
  'function-wrapper',
  'arguments-string',
  'tool-input',
  'tool-name-args',
  'prose-around',
  'trailing-comma',
  'single-quotes',
  'unclosed',
  'unknown-tool',
  'invalid-arguments',
  'broken',
  'no-call',
] as const;

/** One tool-call shape. */
export type ToolCallShape = (typeof toolCallShapes)[number];

/** Every way the simulator can write a structured-output answer, chosen with `#json-shape=<name>`. */
export const jsonReplyShapes = ['clean', 'fenced', 'prose-around', 'invalid', 'invalid-then-valid'] as const;

/** One structured-output shape. */
export type JsonReplyShape = (typeof jsonReplyShapes)[number];

/** The shapes a conversation asks for. */
export interface ScenarioMarkers {
  toolShape: ToolCallShape;
  jsonShape: JsonReplyShape;
  /** True when the gateway's structured-output correction came after the `#json-shape` marker. */
  correctedAfterJsonMarker: boolean;
}

const toolShapePattern = /#tool-shape=([\w-]+)/g;
const jsonShapePattern = /#json-shape=([\w-]+)/g;

function lastMatch(text: string, pattern: RegExp): RegExpExecArray | undefined {
  return [...text.matchAll(pattern)].at(-1);
}

function isOneOf<Shape extends string>(shapes: readonly Shape[], name: string | undefined): name is Shape {
  return shapes.some((shape) => shape === name);
}

/** Reads the markers from what the user side wrote, oldest first; the last marker of each kind wins. */
export function readScenarioMarkers(userText: string): ScenarioMarkers {
  const toolName = lastMatch(userText, toolShapePattern)?.[1];
  const jsonMatch = lastMatch(userText, jsonShapePattern);
  const jsonName = jsonMatch?.[1];
  const placeholder = '\u0000';
  const [correctionOpening = ''] = buildStructuredOutputCorrection(placeholder).split(placeholder);
  return {
    toolShape: isOneOf(toolCallShapes, toolName) ? toolName : 'envelope',
    jsonShape: isOneOf(jsonReplyShapes, jsonName) ? jsonName : 'clean',
    correctedAfterJsonMarker:
      jsonMatch !== undefined && userText.lastIndexOf(correctionOpening) > jsonMatch.index,
  };
}
