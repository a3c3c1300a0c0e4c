import { GatewayError } from '../../core/errors.ts';
import type { ToolChoice, ToolDefinition } from '../../core/model.ts';
import { assertUniqueToolName } from '../shared/assert-unique-tool-name.ts';
import { describeValue } from '../shared/map-validation-issue.ts';
import type { MessagesRequestBody } from './schema.ts';

type WireToolChoice = NonNullable<MessagesRequestBody['tool_choice']>;

/** Neutral tools and choice, plus `tools.<name>` for each server tool that was dropped. */
export interface DecodedTools {
  tools: ToolDefinition[];
  toolChoice: ToolChoice;
  parallelToolCalls: boolean;
  ignoredFields: string[];
  /** The wire path of each neutral tool's input schema, by neutral index. */
  toolParameterFields: string[];
}

/** `tools` + `tool_choice` -> neutral tools and choice. Server tools (a versioned `type` such as
 * web_search_20250305, no input_schema) run on Anthropic's servers only, so they are dropped and
 * reported rather than failing the request: Claude Code sends WebSearch with every call. */
export function decodeTools(body: MessagesRequestBody): DecodedTools {
  const tools: ToolDefinition[] = [];
  const toolParameterFields: string[] = [];
  const serverTools: string[] = [];
  for (const [index, tool] of (body.tools ?? []).entries()) {
    if (tool.type != null && tool.type !== 'custom') {
      serverTools.push(tool.name);
      continue;
    }
    if (!tool.input_schema) {
      throw invalid(
        `tools[${index}].input_schema`,
        `tools[${index}].input_schema is required: the tool "${tool.name}" needs a JSON Schema for its input.`,
      );
    }
    assertUniqueToolName(tools, tool.name, `tools[${index}].name`);
    tools.push({
      name: tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      parameters: tool.input_schema,
    });
    toolParameterFields.push(`tools[${index}].input_schema`);
  }
  const choice = body.tool_choice;
  return {
    tools,
    toolChoice: choice ? decodeToolChoice(choice, tools, serverTools) : { type: 'auto' },
    parallelToolCalls: choice?.disable_parallel_tool_use !== true,
    ignoredFields: serverTools.map((name) => `tools.${name}`),
    toolParameterFields,
  };
}

function decodeToolChoice(
  choice: WireToolChoice,
  tools: ToolDefinition[],
  serverTools: string[],
): ToolChoice {
  switch (choice.type) {
    case 'auto':
    case 'none':
      return { type: choice.type };
    case 'any':
      if (tools.length === 0) {
        throw invalid(
          'tool_choice',
          'tool_choice "any" requires a tool call, but the request declares no tools this gateway can offer; send tools or use "auto".',
        );
      }
      return { type: 'required' };
    case 'tool': {
      if (tools.some((tool) => tool.name === choice.name)) return { type: 'tool', name: choice.name };
      const reason = serverTools.includes(choice.name)
        ? "a server tool, which runs on Anthropic's servers only and cannot run behind this gateway"
        : `not in the request's tools (declared: ${tools.map((tool) => tool.name).join(', ') || 'none'})`;
      throw invalid(
        'tool_choice.name',
        `tool_choice.name names the tool ${describeValue(choice.name)}, which is ${reason}.`,
      );
    }
  }
}

function invalid(param: string, message: string): GatewayError {
  return new GatewayError('invalid_request', message, { param, code: 'invalid_value' });
}
