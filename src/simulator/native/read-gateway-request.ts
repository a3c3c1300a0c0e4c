import type { ToolChoice, ToolDefinition } from '../../core/model.ts';
import { isRecord } from '../schema-example.ts';
import { HistoryBuilder, imagePlaceholder } from './history-builder.ts';
import type { NativeConversation } from './native-reply.ts';
import { parseArguments } from './parse-arguments.ts';

/** A `/chat/generations` request read, or the status and message it is rejected with. */
export type GatewayReading =
  | { conversation: NativeConversation; model: string }
  | { status: number; message: string };

// The provider's own text, which the gateway passes through when a tool message has no matching call.
const orphanToolMessage =
  "Invalid parameter: messages with role 'tool' must be a response to a preceding message with 'tool_calls'.";

function readContent(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter(isRecord)
    .map((part) =>
      part.type === 'image_url' || part.type === 'image' ? imagePlaceholder : String(part.text ?? ''),
    )
    .filter(Boolean)
    .join(' ');
}

// The gateway knows a call only by `tool_invocations` of exactly `{id, function}`: OpenAI's
// `tool_calls`, or invocations with OpenAI's extra `type` / `index`, leave the tool turn unmatched.
function readInvocations(
  message: Record<string, unknown>,
): { id: string; name: string; arguments: unknown }[] {
  if (!Array.isArray(message.tool_invocations)) return [];
  return message.tool_invocations.filter(isRecord).flatMap((invocation) => {
    if ('type' in invocation || 'index' in invocation || !isRecord(invocation.function)) return [];
    const { name, arguments: text } = invocation.function;
    return [{ id: String(invocation.id), name: String(name), arguments: parseArguments(text) }];
  });
}

function readTools(tools: unknown): ToolDefinition[] {
  if (!Array.isArray(tools)) return [];
  return tools.filter(isRecord).flatMap((tool) => {
    const fn = isRecord(tool.function) ? tool.function : undefined;
    if (fn === undefined || typeof fn.name !== 'string') return [];
    const parameters = isRecord(fn.parameters) ? fn.parameters : {};
    const description = typeof fn.description === 'string' ? { description: fn.description } : {};
    return [{ name: fn.name, ...description, parameters }];
  });
}

function readToolConfig(config: unknown): { choice: ToolChoice; parallel: boolean } {
  if (!isRecord(config)) return { choice: { type: 'auto' }, parallel: true };
  const parallel = config.parallel_calls !== false;
  const [allowed] = Array.isArray(config.allowed_tools) ? config.allowed_tools.filter(isRecord) : [];
  if (config.mode === 'none') return { choice: { type: 'none' }, parallel };
  if (config.mode === 'tool' && typeof allowed?.name === 'string') {
    return { choice: { type: 'tool', name: allowed.name }, parallel };
  }
  if (config.mode === 'any') return { choice: { type: 'required' }, parallel };
  return { choice: { type: 'auto' }, parallel };
}

/** Validates an LLM-gateway chat request and reads it for the reply engine. */
export function readGatewayRequest(body: unknown): GatewayReading {
  if (!isRecord(body) || typeof body.model !== 'string')
    return { status: 400, message: 'Invalid value for model' };
  if (!Array.isArray(body.messages)) return { status: 400, message: 'Invalid value for messages' };
  const history = new HistoryBuilder();
  const openCalls = new Set<string>();
  for (const message of body.messages.filter(isRecord)) {
    const text = readContent(message.content);
    if (message.role === 'system') history.system(text);
    else if (message.role === 'assistant') {
      const calls = readInvocations(message);
      for (const call of calls) openCalls.add(call.id);
      history.assistant(text, calls);
    } else if (message.role === 'tool') {
      const callId = String(message.tool_call_id);
      if (!openCalls.has(callId)) return { status: 400, message: orphanToolMessage };
      const name = typeof message.tool_call_name === 'string' ? message.tool_call_name : undefined;
      history.toolResult(callId, text, false, name);
    } else history.user(text);
  }
  return {
    model: body.model,
    conversation: {
      messages: history.build(),
      tools: readTools(body.tools),
      ...readToolConfig(body.tool_config),
      // `reasoning_effort` is ignored on this route (0 reasoning tokens, as observed).
      reasoning: false,
    },
  };
}
