// The tool-call envelope: the one text format in which the model calls tools and in which the
// gateway renders earlier calls and their results back into the conversation. It is public:
// people who configure custom models in Einstein Studio prompt for it (docs/tool-calling.md).
//
//   <tool_calls>
//   [{"id": "call_8f2k", "name": "lookup_order", "arguments": {"order_id": "A17"}}]
//   </tool_calls>
//
//   <tool_results>
//   [{"call_id": "call_8f2k", "name": "lookup_order", "content": "shipped", "is_error": false}]
//   </tool_results>
//
// A freeform tool takes raw text, which JSON would force the model to escape (a patch is many
// lines of quotes, backslashes and braces). Its call is a block whose body is taken verbatim:
// everything between the line ending the opening tag and the line that is only the closing tag.
//
//   <tool_input name="apply_patch" id="call_9d1x">
//   *** Begin Patch
//   *** Add File: notes.txt
//   +He said "hi" \o/ {}
//   *** End Patch
//   </tool_input>
//
// Tools are listed to the model in a <tools> block, and a required answer shape in a
// <response_schema> block, each holding one JSON value.

/** Opening and closing tags of every block the gateway writes or reads. */
export const envelopeTags = {
  tools: ['<tools>', '</tools>'],
  toolCalls: ['<tool_calls>', '</tool_calls>'],
  toolResults: ['<tool_results>', '</tool_results>'],
  responseSchema: ['<response_schema>', '</response_schema>'],
} as const;

/** One call as written inside a <tool_calls> block. */
export interface EnvelopeCall {
  id?: string;
  name: string;
  arguments: unknown;
}

/** One freeform call as written in a <tool_input> block; `input` is its raw text. */
export interface EnvelopeFreeformCall {
  id?: string;
  name: string;
  input: string;
}

/** The closing line of a <tool_input> block; the opening line is `<tool_input name="…">`. */
export const freeformClosingTag = '</tool_input>';

/** A <tool_input> block for one freeform call; the input is written exactly as it is. */
export function renderFreeformCall(call: EnvelopeFreeformCall): string {
  const id = call.id === undefined ? '' : ` id="${call.id}"`;
  return `<tool_input name="${call.name}"${id}>\n${call.input}\n${freeformClosingTag}`;
}

/** One result as written inside a <tool_results> block. */
export interface EnvelopeResult {
  call_id: string;
  name?: string;
  content: string;
  is_error: boolean;
}

/** Wraps one JSON value in a block. */
export function renderBlock(tags: readonly [string, string], value: unknown, indent?: number): string {
  return `${tags[0]}\n${JSON.stringify(value, null, indent)}\n${tags[1]}`;
}

/** A <tool_calls> block for the given calls. */
export function renderToolCalls(calls: EnvelopeCall[]): string {
  return renderBlock(envelopeTags.toolCalls, calls);
}

/** A <tool_results> block for the given results. */
export function renderToolResults(results: EnvelopeResult[]): string {
  return renderBlock(envelopeTags.toolResults, results);
}

/** The JSON text inside the first block with these tags; a missing closing tag runs to the end. */
export function readBlock(text: string, tags: readonly [string, string]): string | undefined {
  const start = text.indexOf(tags[0]);
  if (start === -1) return undefined;
  const bodyStart = start + tags[0].length;
  const end = text.indexOf(tags[1], bodyStart);
  return text.slice(bodyStart, end === -1 ? undefined : end).trim();
}
