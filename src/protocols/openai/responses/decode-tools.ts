import { GatewayError } from '../../../core/errors.ts';
import type { ToolChoice, ToolDefinition } from '../../../core/model.ts';
import { assertUniqueToolName } from '../../shared/assert-unique-tool-name.ts';
import { describeValue } from '../../shared/map-validation-issue.ts';
import { validate } from '../../shared/validate.ts';
import { customToolSchema, functionToolSchema, type ResponsesRequestBody } from './schema.ts';

/** Neutral tools and choice, the accepted tools in wire form (echoed in the response), and
 * `tools.<type>` for each hosted tool that was dropped. */
export interface DecodedTools {
  tools: ToolDefinition[];
  toolChoice: ToolChoice;
  wireTools: Array<Record<string, unknown>>;
  ignoredFields: string[];
  /** The wire path of each neutral tool's parameters schema, by neutral index. */
  toolParameterFields: string[];
}

const emptyParameters = { type: 'object', properties: {} };

/** `tools` + `tool_choice` -> neutral tools and choice. Function and custom (freeform) tools are
 * offered to the model. Hosted tools (web_search, file_search, code_interpreter, mcp…) run on
 * OpenAI's servers only, so they are dropped and reported rather than failing the request: n8n's
 * OpenAI node adds them from its options. */
export function decodeTools(body: ResponsesRequestBody): DecodedTools {
  const tools: ToolDefinition[] = [];
  const wireTools: Array<Record<string, unknown>> = [];
  const hostedTools: string[] = [];
  const fieldByName = new Map<string, string>();
  for (const [index, wireTool] of (body.tools ?? []).entries()) {
    if (wireTool.type === 'custom') {
      const { tool, wire } = decodeCustomTool(wireTool, index);
      assertUniqueToolName(tools, tool.name, `tools[${index}].name`);
      tools.push(tool);
      fieldByName.set(tool.name, `tools[${index}]`);
      wireTools.push(wire);
      continue;
    }
    if (wireTool.type !== 'function') {
      hostedTools.push(wireTool.type);
      continue;
    }
    const tool = validate(functionToolSchema, wireTool, ['tools', index]);
    assertUniqueToolName(tools, tool.name, `tools[${index}].name`);
    tools.push({
      name: tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      parameters: tool.parameters ?? emptyParameters,
    });
    fieldByName.set(tool.name, `tools[${index}].parameters`);
    wireTools.push({
      type: 'function',
      name: tool.name,
      description: tool.description ?? null,
      parameters: tool.parameters ?? null,
      strict: tool.strict ?? null,
    });
  }
  const decoded = decodeToolChoice(body.tool_choice, tools);
  const allowed = new Set(decoded.tools.map((tool) => tool.name));
  return {
    ...decoded,
    wireTools: wireTools.filter((tool) => allowed.has(tool.name as string)),
    ignoredFields: hostedTools.map((type) => `tools.${type}`),
    // tool_choice may narrow the list, so the fields are looked up by the (unique) tool name.
    toolParameterFields: decoded.tools.map((tool) => fieldByName.get(tool.name) ?? 'tools'),
  };
}

// Codex's apply_patch: a lark grammar the model's raw text must follow; no format means any text.
function decodeCustomTool(
  wireTool: unknown,
  index: number,
): { tool: ToolDefinition; wire: Record<string, unknown> } {
  const custom = validate(customToolSchema, wireTool, ['tools', index]);
  const format = custom.format ?? { type: 'text' as const };
  return {
    tool: {
      name: custom.name,
      ...(custom.description ? { description: custom.description } : {}),
      parameters: {},
      freeform:
        format.type === 'grammar'
          ? { type: 'grammar', syntax: format.syntax, definition: format.definition }
          : { type: 'text' },
    },
    wire: { type: 'custom', name: custom.name, description: custom.description ?? null, format },
  };
}

function decodeToolChoice(
  choice: ResponsesRequestBody['tool_choice'],
  tools: ToolDefinition[],
): { tools: ToolDefinition[]; toolChoice: ToolChoice } {
  if (choice === null || choice === undefined) return { tools, toolChoice: { type: 'auto' } };
  if (typeof choice === 'string') return { tools, toolChoice: decodeChoiceKeyword(choice, tools) };
  switch (choice.type) {
    case 'function':
    case 'custom':
      return { tools, toolChoice: namedChoice(choice.name, tools, 'tool_choice.name') };
    case 'allowed_tools':
      return decodeAllowedTools(choice, tools);
    default:
      throw invalid(
        'tool_choice',
        `tool_choice requires the hosted tool "${choice.type}", which runs on OpenAI's servers only and cannot run behind this gateway; use "auto", "required" or a function tool.`,
      );
  }
}

// allowed_tools narrows the tool list for this turn and keeps the mode. Hosted tools in the list
// were dropped from the request already, so they narrow nothing.
function decodeAllowedTools(
  choice: Record<string, unknown>,
  tools: ToolDefinition[],
): { tools: ToolDefinition[]; toolChoice: ToolChoice } {
  const listed = Array.isArray(choice.tools) ? choice.tools : [];
  const names = listed.flatMap((entry: unknown, index) => {
    const { type, name } = (entry ?? {}) as { type?: unknown; name?: unknown };
    if (type !== 'function' && type !== 'custom') return [];
    return [namedChoice(name, tools, `tool_choice.tools[${index}].name`).name];
  });
  const allowedTools = tools.filter((tool) => names.includes(tool.name));
  if (choice.mode !== 'required') return { tools: allowedTools, toolChoice: { type: 'auto' } };
  return { tools: allowedTools, toolChoice: requireTools(allowedTools, 'tool_choice.mode') };
}

function decodeChoiceKeyword(keyword: string, tools: ToolDefinition[]): ToolChoice {
  if (keyword === 'auto' || keyword === 'none') return { type: keyword };
  // LangChain's "any" means the same as "required".
  if (keyword === 'required' || keyword === 'any') return requireTools(tools, 'tool_choice');
  if (tools.some((tool) => tool.name === keyword)) return { type: 'tool', name: keyword };
  throw invalid(
    'tool_choice',
    `tool_choice must be one of none, auto, required, or {"type":"function","name":...}; got ${describeValue(keyword)}.`,
  );
}

function namedChoice(name: unknown, tools: ToolDefinition[], param: string): { type: 'tool'; name: string } {
  if (typeof name === 'string' && tools.some((tool) => tool.name === name)) return { type: 'tool', name };
  const known = tools.map((tool) => tool.name).join(', ') || 'none';
  throw invalid(
    param,
    `${param} names the tool ${describeValue(name ?? null)}, which is not a function tool of the request (declared: ${known}).`,
  );
}

function requireTools(tools: ToolDefinition[], param: string): ToolChoice {
  if (tools.length === 0) {
    throw invalid(
      param,
      `${param} requires a tool call, but the request declares no function tools this gateway can offer; send tools or use "auto".`,
    );
  }
  return { type: 'required' };
}

function invalid(param: string, message: string): GatewayError {
  return new GatewayError('invalid_request', message, { param, code: 'invalid_value' });
}
