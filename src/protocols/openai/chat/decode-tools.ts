import { GatewayError } from '../../../core/errors.ts';
import type { ToolChoice, ToolDefinition } from '../../../core/model.ts';
import { assertUniqueToolName } from '../../shared/assert-unique-tool-name.ts';
import { describeValue } from '../../shared/map-validation-issue.ts';
import type { ChatCompletionRequestBody } from './schema.ts';

type FunctionDefinition = NonNullable<ChatCompletionRequestBody['functions']>[number];
type WireTool = NonNullable<ChatCompletionRequestBody['tools']>[number];

const emptyParameters = { type: 'object', properties: {} };

/** Neutral tools and choice, and the wire path of each tool's parameters schema, by neutral index. */
export interface DecodedTools {
  tools: ToolDefinition[];
  toolChoice: ToolChoice;
  toolParameterFields: string[];
}

/** `tools` + `tool_choice` (or the legacy `functions` + `function_call`) -> neutral tools and choice. */
export function decodeTools(body: ChatCompletionRequestBody): DecodedTools {
  const legacy = usesLegacyFunctions(body);
  const declared = legacy
    ? (body.functions ?? []).map((definition, index) => ({
        tool: decodeDefinition(definition),
        field: `functions[${index}].parameters`,
      }))
    : (body.tools ?? []).map(decodeTool);
  const tools = declared.map(({ tool }) => tool);
  checkUniqueNames(tools, legacy ? 'functions' : 'tools');
  const chosen = chooseTools(body, tools, legacy);
  // allowed_tools may narrow the list, so the fields are looked up by the (unique) tool name.
  const fieldByName = new Map(declared.map(({ tool, field }) => [tool.name, field]));
  const toolParameterFields = chosen.tools.map((tool) => fieldByName.get(tool.name) ?? 'tools');
  return { ...chosen, toolParameterFields };
}

function chooseTools(
  body: ChatCompletionRequestBody,
  tools: ToolDefinition[],
  legacy: boolean,
): { tools: ToolDefinition[]; toolChoice: ToolChoice } {
  if (!legacy && body.tool_choice) return decodeToolChoice(body.tool_choice, tools);
  if (legacy && body.function_call) return decodeLegacyChoice(body.function_call, tools);
  return { tools, toolChoice: { type: 'auto' } };
}

/** Whether the body declares its tools the legacy way: `functions` without `tools`. */
export function usesLegacyFunctions(body: ChatCompletionRequestBody): boolean {
  return !body.tools && !!body.functions;
}

function decodeDefinition(definition: FunctionDefinition): ToolDefinition {
  return {
    name: definition.name,
    ...(definition.description ? { description: definition.description } : {}),
    parameters: definition.parameters ?? emptyParameters,
  };
}

function decodeTool(tool: WireTool, index: number): { tool: ToolDefinition; field: string } {
  if (tool.type === 'function') {
    return { tool: decodeDefinition(tool.function), field: `tools[${index}].function.parameters` };
  }
  // A custom (freeform) tool takes raw text; no format means any text.
  const { name, description, format } = tool.custom;
  const freeform: ToolDefinition = {
    name,
    ...(description ? { description } : {}),
    parameters: {},
    freeform:
      format?.type === 'grammar'
        ? { type: 'grammar', syntax: format.grammar.syntax, definition: format.grammar.definition }
        : { type: 'text' },
  };
  return { tool: freeform, field: `tools[${index}].custom` };
}

function checkUniqueNames(tools: ToolDefinition[], field: string): void {
  for (const [index, tool] of tools.entries()) {
    const param =
      field === 'functions'
        ? `functions[${index}].name`
        : tool.freeform
          ? `tools[${index}].custom.name`
          : `tools[${index}].function.name`;
    assertUniqueToolName(tools.slice(0, index), tool.name, param);
  }
}

function decodeToolChoice(
  choice: NonNullable<ChatCompletionRequestBody['tool_choice']>,
  tools: ToolDefinition[],
): { tools: ToolDefinition[]; toolChoice: ToolChoice } {
  if (typeof choice === 'string')
    return { tools, toolChoice: decodeChoiceKeyword(choice, tools, 'tool_choice') };
  if (choice.type === 'function') {
    return { tools, toolChoice: namedChoice(choice.function.name, tools, 'tool_choice.function.name') };
  }
  if (choice.type === 'custom') {
    return { tools, toolChoice: namedChoice(choice.custom.name, tools, 'tool_choice.custom.name') };
  }
  // allowed_tools narrows the tool list for this turn and keeps the mode.
  const allowed = choice.allowed_tools.tools.map(
    (tool, index) =>
      namedChoice(tool.function.name, tools, `tool_choice.allowed_tools.tools[${index}].function.name`).name,
  );
  const allowedTools = tools.filter((tool) => allowed.includes(tool.name));
  const mode = choice.allowed_tools.mode === 'required' ? 'required' : 'auto';
  return { tools: allowedTools, toolChoice: requireTools({ type: mode }, allowedTools, 'tool_choice') };
}

function decodeLegacyChoice(
  choice: NonNullable<ChatCompletionRequestBody['function_call']>,
  tools: ToolDefinition[],
): { tools: ToolDefinition[]; toolChoice: ToolChoice } {
  if (typeof choice === 'string')
    return { tools, toolChoice: decodeChoiceKeyword(choice, tools, 'function_call') };
  return { tools, toolChoice: namedChoice(choice.name, tools, 'function_call.name') };
}

function decodeChoiceKeyword(keyword: string, tools: ToolDefinition[], param: string): ToolChoice {
  if (keyword === 'auto' || keyword === 'none') return { type: keyword };
  // LangChain's "any" means the same as "required".
  if (keyword === 'required' || keyword === 'any') return requireTools({ type: 'required' }, tools, param);
  if (tools.some((tool) => tool.name === keyword)) return { type: 'tool', name: keyword };
  throw invalid(
    param,
    `${param} must be one of none, auto, required, or {"type":"function","function":{"name":...}}; got ${describeValue(keyword)}.`,
  );
}

function namedChoice(name: string, tools: ToolDefinition[], param: string): { type: 'tool'; name: string } {
  if (tools.some((tool) => tool.name === name)) return { type: 'tool', name };
  const known = tools.map((tool) => tool.name).join(', ') || 'none';
  throw invalid(
    param,
    `${param} names the tool ${describeValue(name)}, which is not in the request's tools (declared: ${known}).`,
  );
}

function requireTools(choice: ToolChoice, tools: ToolDefinition[], param: string): ToolChoice {
  if (choice.type === 'required' && tools.length === 0) {
    throw invalid(
      param,
      `${param} requires a tool call, but the request declares no tools; send tools or use "auto".`,
    );
  }
  return choice;
}

function invalid(param: string, message: string): GatewayError {
  return new GatewayError('invalid_request', message, { param, code: 'invalid_value' });
}
