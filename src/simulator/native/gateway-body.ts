import { randomUUID } from 'node:crypto';
import { splitArgumentsIntoDeltas, splitTextIntoDeltas } from './delta-pieces.ts';
import type { NativeModel } from './native-models.ts';
import type { NativeReply } from './native-reply.ts';

/** Writes the usage counts with the key names of the model's provider, as the gateway passes them on. */
export function buildGatewayUsage(model: NativeModel, reply: NativeReply): Record<string, number> {
  const { inputTokens: input, outputTokens: output } = reply.usage;
  const total = input + output;
  if (model.provider === 'openai')
    return { prompt_tokens: input, completion_tokens: output, total_tokens: total };
  if (model.provider === 'anthropic') return { inputTokens: input, outputTokens: output, totalTokens: total };
  return { inputTokenCount: input, outputTokenCount: output, totalTokenCount: total };
}

function invocations(reply: NativeReply) {
  return reply.toolCalls.map((call) => ({
    id: call.id,
    function: { name: call.name, arguments: JSON.stringify(call.arguments) },
  }));
}

function responseParameters(model: NativeModel, nowMs: number, object: string) {
  return {
    provider: model.provider,
    created: Math.floor(nowMs / 1000),
    model: model.definition.providerModel,
    object,
  };
}

/** The 200 body of `POST /chat/generations`: snake_case `generation_details`. */
export function buildGatewayBody(
  model: NativeModel,
  reply: NativeReply,
  nowMs: number,
): Record<string, unknown> {
  const toolInvocations = invocations(reply);
  return {
    id: randomUUID(),
    generation_details: {
      generations: [
        {
          id: randomUUID(),
          role: 'assistant',
          content: reply.text,
          timestamp: nowMs,
          parameters: { finish_reason: reply.finishReason, index: 0 },
          ...(toolInvocations.length > 0 ? { tool_invocations: toolInvocations } : {}),
        },
      ],
      parameters: {
        ...responseParameters(model, nowMs, 'chat.completion'),
        usage: buildGatewayUsage(model, reply),
      },
    },
  };
}

/** How streamed tool-call fragments are keyed. */
export interface FragmentOptions {
  /** Later fragments of a call carry no `id` (the "current call" convention some clients rely on). */
  idless: boolean;
}

function chunk(model: NativeModel, nowMs: number, generation: Record<string, unknown>, usage: unknown) {
  return {
    id: randomUUID(),
    generation_details: {
      generations: [{ role: 'assistant', ...generation }],
      parameters: { ...responseParameters(model, nowMs, 'chat.completion.chunk'), usage },
    },
  };
}

function toolFragments(reply: NativeReply, options: FragmentOptions): Record<string, unknown>[] {
  return reply.toolCalls.flatMap((call, index) => [
    { id: call.id, index, function: { name: call.name, arguments: '' } },
    ...splitArgumentsIntoDeltas(JSON.stringify(call.arguments)).map((piece) => ({
      ...(options.idless ? {} : { id: call.id }),
      index,
      function: { arguments: piece },
    })),
  ]);
}

/** The `data` of each `generation` event of a streamed answer: deltas, then the finish with the usage. */
export function buildGatewayChunks(
  model: NativeModel,
  reply: NativeReply,
  nowMs: number,
  options: FragmentOptions,
): object[] {
  const open = { parameters: { finish_reason: null } };
  return [
    ...splitTextIntoDeltas(reply.text).map((content) => chunk(model, nowMs, { content, ...open }, null)),
    ...toolFragments(reply, options).map((fragment) =>
      chunk(model, nowMs, { content: '', tool_invocations: [fragment], ...open }, null),
    ),
    chunk(
      model,
      nowMs,
      { content: '', parameters: { finish_reason: reply.finishReason } },
      buildGatewayUsage(model, reply),
    ),
  ];
}

/** The Trust Layer's `scores` event: the whole answer again, with safety and quality scores. */
export function buildScoresChunk(model: NativeModel, reply: NativeReply, nowMs: number): object {
  const categories = [
    'toxicity',
    'hate',
    'identity',
    'violence',
    'physical',
    'sexual',
    'profanity',
    'biased',
  ];
  return chunk(
    model,
    nowMs,
    {
      content: reply.text,
      generation_safety_score: {
        severity_level: 'LOW',
        safety_score: 0.99,
        category_scores: Object.fromEntries(categories.map((name) => [name, 0.001])),
      },
      generation_content_quality: { is_toxicity_detected: false, is_bias_detected: false, bias_score: 0 },
    },
    null,
  );
}
