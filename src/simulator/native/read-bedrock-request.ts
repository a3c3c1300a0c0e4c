import type { ToolChoice, ToolDefinition } from '../../core/model.ts';
import { isRecord } from '../schema-example.ts';
import { HistoryBuilder, imagePlaceholder } from './history-builder.ts';
import type { NativeModel } from './native-models.ts';
import type { NativeConversation } from './native-reply.ts';
import type { NativeSettings } from './native-settings.ts';

/** A Bedrock request read, or the status and message it is rejected with. */
export type BedrockReading = { conversation: NativeConversation } | { status: number; message: string };

const bedrockVersion = 'bedrock-2023-05-31';

// Anthropic's own wording for adaptive-only models (Claude Opus 4.7 and later), in substance.
const adaptiveOnlyMessage =
  '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.';

// Observed on Salesforce when thinking blocks come back in the history, and on the older aliases' flags.
const noUserContextMessage = 'No user context has been created!';

function readText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter(isRecord)
    .map((block) => (block.type === 'text' && typeof block.text === 'string' ? block.text : ''))
    .join('');
}

function readToolChoice(choice: unknown): { choice: ToolChoice; parallel: boolean } {
  if (!isRecord(choice)) return { choice: { type: 'auto' }, parallel: true };
  const parallel = choice.disable_parallel_tool_use !== true;
  if (choice.type === 'any') return { choice: { type: 'required' }, parallel };
  if (choice.type === 'none') return { choice: { type: 'none' }, parallel };
  if (choice.type === 'tool' && typeof choice.name === 'string') {
    return { choice: { type: 'tool', name: choice.name }, parallel };
  }
  return { choice: { type: 'auto' }, parallel };
}

function readTools(tools: unknown): ToolDefinition[] {
  if (!Array.isArray(tools)) return [];
  return tools.filter(isRecord).flatMap((tool) => {
    if (typeof tool.name !== 'string') return [];
    const parameters = isRecord(tool.input_schema) ? tool.input_schema : {};
    const description = typeof tool.description === 'string' ? { description: tool.description } : {};
    return [{ name: tool.name, ...description, parameters }];
  });
}

function hasThinkingBlocks(messages: unknown[]): boolean {
  return messages.some(
    (message) =>
      isRecord(message) &&
      Array.isArray(message.content) &&
      message.content.some(
        (block) => isRecord(block) && (block.type === 'thinking' || block.type === 'redacted_thinking'),
      ),
  );
}

function checkBody(
  body: Record<string, unknown>,
  model: NativeModel,
  settings: NativeSettings,
): { status: number; message: string } | undefined {
  if (body.anthropic_version !== bedrockVersion) {
    return { status: 400, message: `anthropic_version must be "${bedrockVersion}"` };
  }
  if (typeof body.max_tokens !== 'number') return { status: 400, message: 'max_tokens: field required' };
  if (!Array.isArray(body.messages)) return { status: 400, message: 'messages: field required' };
  if (settings.strictBedrockBody && ('model' in body || 'stream' in body)) {
    return {
      status: 400,
      message: 'Malformed input request: extraneous key [model, stream] is not permitted',
    };
  }
  const thinking = isRecord(body.thinking) ? body.thinking : undefined;
  if (model.old && settings.rejectBetaOnOldModels && (body.anthropic_beta !== undefined || thinking)) {
    return { status: 502, message: noUserContextMessage };
  }
  if (thinking?.type === 'enabled' && model.adaptiveOnly)
    return { status: 400, message: adaptiveOnlyMessage };
  const thinkingActive = thinking?.type === 'enabled' || thinking?.type === 'adaptive';
  const sampling = ['temperature', 'top_p', 'top_k'].find((name) => body[name] !== undefined);
  if (thinkingActive && sampling !== undefined) {
    return { status: 400, message: `${sampling} may not be set while thinking is enabled` };
  }
  if (settings.rejectThinkingHistory && hasThinkingBlocks(body.messages)) {
    return { status: 502, message: noUserContextMessage };
  }
  return checkContextWindow(body, settings.contextWindowTokens);
}

// The prompt estimated as the simulator counts usage: ceil(characters / 4) of system, messages and tools.
function checkContextWindow(
  body: Record<string, unknown>,
  limit: number | undefined,
): { status: number; message: string } | undefined {
  if (limit === undefined) return undefined;
  const characters = JSON.stringify([body.system ?? '', body.messages, body.tools ?? []]).length;
  const tokens = Math.ceil(characters / 4);
  if (tokens <= limit) return undefined;
  return { status: 400, message: `prompt is too long: ${tokens} tokens > ${limit} maximum` };
}

/** Validates a Bedrock InvokeModel body (Anthropic Messages) and reads it for the reply engine. */
export function readBedrockRequest(
  body: unknown,
  model: NativeModel,
  settings: NativeSettings,
): BedrockReading {
  if (!isRecord(body)) return { status: 400, message: 'Malformed input request: expected a JSON object' };
  const rejection = checkBody(body, model, settings);
  if (rejection !== undefined) return rejection;
  const history = new HistoryBuilder();
  const system = readText(body.system);
  if (system !== '') history.system(system);
  for (const message of (body.messages as unknown[]).filter(isRecord)) {
    const blocks = Array.isArray(message.content)
      ? message.content.filter(isRecord)
      : [{ type: 'text', text: message.content }];
    if (message.role === 'assistant') {
      const calls = blocks
        .filter((block) => block.type === 'tool_use')
        .map((block) => ({ id: String(block.id), name: String(block.name), arguments: block.input ?? {} }));
      history.assistant(readText(blocks), calls);
      continue;
    }
    for (const block of blocks.filter((candidate) => candidate.type === 'tool_result')) {
      history.toolResult(String(block.tool_use_id), readText(block.content), block.is_error === true);
    }
    const images = blocks.filter((block) => block.type === 'image').map(() => imagePlaceholder);
    const text = [readText(blocks), ...images].filter(Boolean).join(' ');
    if (text !== '' || !blocks.some((block) => block.type === 'tool_result')) history.user(text);
  }
  const thinking = isRecord(body.thinking) ? body.thinking.type : undefined;
  return {
    conversation: {
      messages: history.build(),
      tools: readTools(body.tools),
      ...readToolChoice(body.tool_choice),
      reasoning: thinking === 'enabled' || thinking === 'adaptive',
    },
  };
}
