import type { ToolChoice, ToolDefinition } from '../../../core/model.ts';

/**
 * Tools in the Responses API's flat form. Function tools are sent with `strict: false`: the
 * API defaults to strict, which refuses any schema that is not closed and fully required, and
 * the neutral tool says nothing about strictness. Freeform tools become `custom` tools.
 */
export function mapTools(tools: ToolDefinition[]): Array<Record<string, unknown>> {
  return tools.map((tool) => {
    const description = tool.description === undefined ? {} : { description: tool.description };
    if (tool.freeform) return { type: 'custom', name: tool.name, ...description, format: tool.freeform };
    return { type: 'function', name: tool.name, ...description, parameters: tool.parameters, strict: false };
  });
}

/** The tool choice on the wire; a named tool is addressed by its kind (function or custom). */
export function mapToolChoice(choice: ToolChoice, tools: ToolDefinition[]): string | Record<string, string> {
  if (choice.type !== 'tool') return choice.type;
  const freeform = tools.some((tool) => tool.name === choice.name && tool.freeform);
  return { type: freeform ? 'custom' : 'function', name: choice.name };
}
