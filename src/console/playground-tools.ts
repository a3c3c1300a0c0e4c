import type { PlaygroundProtocol } from './playground-protocol.ts';

type JsonObject = Record<string, unknown>;

/** Tools JSON the playground cannot send; shown inline, nothing is sent. */
export class ToolsError extends Error {}

/** Reads the Tools (JSON) box as the tools array `protocol` expects: OpenAI-style and
 * Anthropic-style definitions are both accepted and converted to the protocol's own. */
export function parseTools(text: string, protocol: PlaygroundProtocol): JsonObject[] | undefined {
  if (text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ToolsError(`Tools (JSON) is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new ToolsError('Tools (JSON) must be a JSON array of tool definitions.');
  return parsed.map((tool, index) => {
    if (typeof tool !== 'object' || tool === null || Array.isArray(tool)) {
      throw new ToolsError(`Tools (JSON): item ${index} is not an object.`);
    }
    return protocol === 'anthropic'
      ? toAnthropicTool(tool as JsonObject, index)
      : toOpenAITool(tool as JsonObject, index);
  });
}

function toAnthropicTool(tool: JsonObject, index: number): JsonObject {
  if (typeof tool.name === 'string') return tool;
  const definition = tool.function as JsonObject | undefined;
  if (tool.type !== 'function' || typeof definition?.name !== 'string') throw unnamed(index);
  return {
    name: definition.name,
    ...(typeof definition.description === 'string' ? { description: definition.description } : {}),
    input_schema: definition.parameters ?? { type: 'object', properties: {} },
  };
}

function toOpenAITool(tool: JsonObject, index: number): JsonObject {
  if (tool.type === 'function' && typeof (tool.function as JsonObject | undefined)?.name === 'string')
    return tool;
  if (typeof tool.name !== 'string') throw unnamed(index);
  return {
    type: 'function',
    function: {
      name: tool.name,
      ...(typeof tool.description === 'string' ? { description: tool.description } : {}),
      parameters: tool.input_schema ?? { type: 'object', properties: {} },
    },
  };
}

function unnamed(index: number): ToolsError {
  return new ToolsError(
    `Tools (JSON): item ${index} is neither an OpenAI tool ({"type": "function", "function": {"name": …}}) nor an Anthropic tool ({"name": …, "input_schema": …}).`,
  );
}
