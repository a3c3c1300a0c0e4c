import type { StreamEvent } from '../../../core/model.ts';

/** How later tool-call fragments point back at their call; clients of the gateway have seen all three. */
export type FragmentKeying = 'index' | 'repeated-id' | 'current-call';

/** One SSE frame as the gateway writes it. */
export function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

/** A `generation` chunk with one generation. */
export function generationChunk(
  generation: Record<string, unknown>,
  parameters: Record<string, unknown> = { usage: null },
): string {
  return frame('generation', {
    id: 'chatcmpl-S1',
    generation_details: {
      generations: [{ role: 'assistant', parameters: { finish_reason: null, index: 0 }, ...generation }],
      parameters: {
        provider: 'openai',
        model: 'gpt-4.1-mini',
        object: 'chat.completion.chunk',
        ...parameters,
      },
    },
  });
}

function fragment(
  keying: FragmentKeying,
  index: number,
  id: string,
  first: boolean,
  name: string,
  args: string,
) {
  const keys =
    first || keying === 'repeated-id'
      ? { id, ...(keying === 'index' ? { index } : {}) }
      : keying === 'index'
        ? { index }
        : {};
  return generationChunk({
    content: '',
    tool_invocations: [{ ...keys, function: first ? { name, arguments: args } : { arguments: args } }],
  });
}

/** A realistic transcript: text deltas, two tool calls in fragments, finish reason, a late usage
 * chunk, the Trust Layer's scoring events (with the whole text repeated), then `[DONE]`. */
export function toolTranscript(keying: FragmentKeying): string {
  return [
    generationChunk({ content: 'Let me ', timestamp: 1760621502318 }, { created: 1760621501, usage: null }),
    generationChunk({ content: 'check: 18°C ☀.' }),
    fragment(keying, 0, 'call_w', true, 'get_weather', ''),
    fragment(keying, 0, 'call_w', false, 'get_weather', '{"city":'),
    fragment(keying, 0, 'call_w', false, 'get_weather', '"Paris"}'),
    fragment(keying, 1, 'call_t', true, 'get_time', '{"tz"'),
    fragment(keying, 1, 'call_t', false, 'get_time', ':"CET"}'),
    generationChunk({ content: '', parameters: { finish_reason: 'tool_calls', index: 0 } }),
    frame('generation', {
      id: 'chatcmpl-S1',
      generation_details: {
        generations: [],
        parameters: {
          model: 'gpt-4.1-mini',
          usage: { prompt_tokens: 40, completion_tokens: 25, total_tokens: 65 },
        },
      },
    }),
    frame('scoringStarted', {}),
    frame('scores', {
      id: 'chatcmpl-S1',
      generation_details: {
        generations: [
          {
            content: 'Let me check: 18°C ☀.',
            generation_safety_score: { severity_level: 'NONE', safety_score: 0.99 },
            generation_content_quality: { is_toxicity_detected: false },
          },
        ],
      },
    }),
    frame('scoringCompleted', {}),
    frame('generation', '[DONE]'),
  ].join('');
}

/** What `toolTranscript` decodes to, whatever the keying. */
export const toolTranscriptEvents: StreamEvent[] = [
  {
    type: 'response-start',
    id: 'chatcmpl-S1',
    servedModel: 'gpt-4.1-mini',
    created: 1760621501,
    usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
  },
  { type: 'text-start', index: 0 },
  { type: 'text-delta', index: 0, delta: 'Let me ' },
  { type: 'text-delta', index: 0, delta: 'check: 18°C ☀.' },
  { type: 'text-end', index: 0 },
  { type: 'tool-call-start', index: 1, id: 'call_w', name: 'get_weather' },
  { type: 'tool-call-delta', index: 1, argumentsDelta: '{"city":' },
  { type: 'tool-call-delta', index: 1, argumentsDelta: '"Paris"}' },
  { type: 'tool-call-end', index: 1, arguments: { city: 'Paris' } },
  { type: 'tool-call-start', index: 2, id: 'call_t', name: 'get_time' },
  { type: 'tool-call-delta', index: 2, argumentsDelta: '{"tz"' },
  { type: 'tool-call-delta', index: 2, argumentsDelta: ':"CET"}' },
  { type: 'tool-call-end', index: 2, arguments: { tz: 'CET' } },
  {
    type: 'finish',
    finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
    usage: { inputTokens: 40, outputTokens: 25, totalTokens: 65 },
  },
];
