import { createHash, randomBytes } from 'node:crypto';
import { splitArgumentsIntoDeltas, splitTextIntoDeltas } from './delta-pieces.ts';
import type { NativeModel } from './native-models.ts';
import type { NativeReply } from './native-reply.ts';

const stopReasons = { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use' } as const;

/** The Anthropic model name Bedrock reports, from the Bedrock model id (`anthropic.claude-…-v1:0`). */
function anthropicModelName(model: NativeModel): string {
  return model.definition.providerModel.replace(/^anthropic\./, '').replace(/-v\d+:\d+$/, '');
}

// A stand-in for Anthropic's opaque thinking signature: stable for the same text, meaningless otherwise.
function signThinking(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

function buildContent(reply: NativeReply): Record<string, unknown>[] {
  return [
    ...(reply.reasoning === undefined
      ? []
      : [{ type: 'thinking', thinking: reply.reasoning, signature: signThinking(reply.reasoning) }]),
    ...(reply.text === '' ? [] : [{ type: 'text', text: reply.text }]),
    ...reply.toolCalls.map((call) => ({
      type: 'tool_use',
      id: call.id,
      name: call.name,
      input: call.arguments,
    })),
  ];
}

function buildUsage(reply: NativeReply) {
  return { input_tokens: reply.usage.inputTokens, output_tokens: reply.usage.outputTokens };
}

/** The Anthropic Message object of a whole InvokeModel answer, with Bedrock's `msg_bdrk_` id. */
export function buildBedrockMessage(model: NativeModel, reply: NativeReply): Record<string, unknown> {
  return {
    id: `msg_bdrk_${randomBytes(12).toString('hex')}`,
    type: 'message',
    role: 'assistant',
    model: anthropicModelName(model),
    content: buildContent(reply),
    stop_reason: stopReasons[reply.finishReason],
    stop_sequence: null,
    usage: buildUsage(reply),
  };
}

function blockEvents(index: number, block: Record<string, unknown>): object[] {
  const delta = (body: object) => ({ type: 'content_block_delta', index, delta: body });
  const stop = { type: 'content_block_stop', index };
  if (block.type === 'thinking') {
    return [
      {
        type: 'content_block_start',
        index,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      },
      ...splitTextIntoDeltas(String(block.thinking)).map((thinking) =>
        delta({ type: 'thinking_delta', thinking }),
      ),
      delta({ type: 'signature_delta', signature: block.signature }),
      stop,
    ];
  }
  if (block.type === 'tool_use') {
    const start = { type: 'tool_use', id: block.id, name: block.name, input: {} };
    return [
      { type: 'content_block_start', index, content_block: start },
      ...splitArgumentsIntoDeltas(JSON.stringify(block.input)).map((partial_json) =>
        delta({ type: 'input_json_delta', partial_json }),
      ),
      stop,
    ];
  }
  return [
    { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
    ...splitTextIntoDeltas(String(block.text)).map((text) => delta({ type: 'text_delta', text })),
    stop,
  ];
}

/** The Anthropic stream events of the same answer, `message_start` to `message_stop`. */
export function buildBedrockEvents(
  message: Record<string, unknown>,
  options: { invocationMetrics: boolean; latencyMs: number },
): object[] {
  const usage = message.usage as { input_tokens: number; output_tokens: number };
  const content = message.content as Record<string, unknown>[];
  const stop = {
    type: 'message_stop',
    ...(options.invocationMetrics
      ? {
          'amazon-bedrock-invocationMetrics': {
            inputTokenCount: usage.input_tokens,
            outputTokenCount: usage.output_tokens,
            invocationLatency: options.latencyMs,
            firstByteLatency: Math.min(options.latencyMs, 1),
          },
        }
      : {}),
  };
  return [
    {
      type: 'message_start',
      message: { ...message, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } },
    },
    ...content.flatMap((block, index) => blockEvents(index, block)),
    {
      type: 'message_delta',
      delta: { stop_reason: message.stop_reason, stop_sequence: null },
      usage: { output_tokens: usage.output_tokens },
    },
    stop,
  ];
}
