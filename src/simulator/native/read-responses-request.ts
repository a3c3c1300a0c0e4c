import type { FreeformInputFormat, ToolChoice, ToolDefinition } from '../../core/model.ts';
import { isRecord } from '../schema-example.ts';
import { HistoryBuilder, imagePlaceholder } from './history-builder.ts';
import type { NativeConversation } from './native-reply.ts';
import { parseArguments } from './parse-arguments.ts';

/** A `/responses` request read, or the rejection with the offending parameter. */
export type ResponsesReading =
  | { conversation: NativeConversation; model: string; stream: boolean }
  | { status: number; message: string; param: string | null };

function readParts(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter(isRecord)
    .map((part) => {
      if (part.type === 'input_image') return imagePlaceholder;
      return typeof part.text === 'string' ? part.text : '';
    })
    .filter(Boolean)
    .join(' ');
}

function readToolChoice(choice: unknown): ToolChoice {
  if (choice === 'none' || choice === 'required') return { type: choice };
  const named = isRecord(choice) && (choice.type === 'function' || choice.type === 'custom');
  if (named && typeof choice.name === 'string') {
    return { type: 'tool', name: choice.name };
  }
  return { type: 'auto' };
}

// A custom tool takes raw text: any text, or text its grammar (lark or regex) accepts.
function readFreeformFormat(format: unknown): FreeformInputFormat {
  if (!isRecord(format) || format.type !== 'grammar') return { type: 'text' };
  return { type: 'grammar', syntax: String(format.syntax), definition: String(format.definition) };
}

function readTools(tools: unknown): ToolDefinition[] {
  if (!Array.isArray(tools)) return [];
  return tools.filter(isRecord).flatMap((tool) => {
    const known = tool.type === 'function' || tool.type === 'custom';
    if (!known || typeof tool.name !== 'string') return [];
    const description = typeof tool.description === 'string' ? { description: tool.description } : {};
    if (tool.type === 'custom') {
      return [{ name: tool.name, ...description, parameters: {}, freeform: readFreeformFormat(tool.format) }];
    }
    const parameters = isRecord(tool.parameters) ? tool.parameters : {};
    return [{ name: tool.name, ...description, parameters }];
  });
}

// A custom tool whose format the API would refuse: a grammar needs `lark` or `regex` and a definition.
function findBadCustomFormat(tools: unknown): string | undefined {
  if (!Array.isArray(tools)) return undefined;
  const index = tools.findIndex((tool) => {
    if (!isRecord(tool) || tool.type !== 'custom' || tool.format === undefined) return false;
    const format = tool.format;
    if (!isRecord(format)) return true;
    if (format.type === 'text') return false;
    if (format.type !== 'grammar') return true;
    return !['lark', 'regex'].includes(String(format.syntax)) || typeof format.definition !== 'string';
  });
  return index === -1 ? undefined : `tools[${index}].format`;
}

function readInput(input: unknown, instructions: unknown): HistoryBuilder {
  const history = new HistoryBuilder();
  if (typeof instructions === 'string') history.system(instructions);
  const items = typeof input === 'string' ? [{ type: 'message', role: 'user', content: input }] : input;
  for (const item of (items as unknown[]).filter(isRecord)) {
    if (item.type === 'function_call') {
      const call = {
        id: String(item.call_id),
        name: String(item.name),
        arguments: parseArguments(item.arguments),
      };
      history.assistant('', [call]);
    } else if (item.type === 'custom_tool_call') {
      const input = typeof item.input === 'string' ? item.input : '';
      history.assistant('', [], [{ id: String(item.call_id), name: String(item.name), input }]);
    } else if (item.type === 'function_call_output' || item.type === 'custom_tool_call_output') {
      history.toolResult(String(item.call_id), readParts(item.output), false);
    } else if (item.type === 'message' || item.type === undefined) {
      const text = readParts(item.content);
      if (item.role === 'system' || item.role === 'developer') history.system(text);
      else if (item.role === 'assistant') history.assistant(text, []);
      else history.user(text);
    }
  }
  return history;
}

/** Validates a Responses request and reads it for the reply engine. */
export function readResponsesRequest(body: unknown): ResponsesReading {
  if (!isRecord(body)) return { status: 400, message: 'The body must be a JSON object.', param: null };
  if (typeof body.model !== 'string')
    return { status: 400, message: "Missing required parameter: 'model'.", param: 'model' };
  if (typeof body.input !== 'string' && !Array.isArray(body.input)) {
    return { status: 400, message: "Missing required parameter: 'input'.", param: 'input' };
  }
  const badFormat = findBadCustomFormat(body.tools);
  if (badFormat !== undefined) {
    return { status: 400, message: `Invalid value for '${badFormat}'.`, param: badFormat };
  }
  const effort = isRecord(body.reasoning) ? body.reasoning.effort : undefined;
  // Salesforce rejects `max` on every GPT model tested, though OpenAI's current spec lists it.
  if (effort === 'max') {
    return {
      status: 400,
      message: "Unexpected value 'max' for reasoning.effort.",
      param: 'reasoning.effort',
    };
  }
  const reasoning = typeof effort === 'string' && effort !== 'none';
  const sampling = ['temperature', 'top_p'].find((name) => body[name] !== undefined);
  if (reasoning && sampling !== undefined) {
    return {
      status: 400,
      message: `Unsupported parameter: '${sampling}' is not supported with reasoning.`,
      param: sampling,
    };
  }
  return {
    model: body.model,
    stream: body.stream === true,
    conversation: {
      messages: readInput(body.input, body.instructions).build(),
      tools: readTools(body.tools),
      choice: readToolChoice(body.tool_choice),
      parallel: body.parallel_tool_calls !== false,
      reasoning,
    },
  };
}
