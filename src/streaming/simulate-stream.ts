import type { ChatResult, StreamEvent } from '../core/model.ts';
import { splitIntoPieces } from './split-into-pieces.ts';

/**
 * Replays a whole answer as stream events, for upstreams that cannot stream. Text is cut into
 * word-sized pieces and tool-call arguments into short JSON fragments; nothing sleeps.
 */
export async function* simulateStream(result: ChatResult): AsyncIterable<StreamEvent> {
  // At the start only the prompt is counted; the final usage arrives with `finish`.
  const startUsage = {
    inputTokens: result.usage.inputTokens,
    outputTokens: 0,
    totalTokens: result.usage.inputTokens,
  };
  yield {
    type: 'response-start',
    id: result.id,
    servedModel: result.servedModel,
    created: result.created,
    usage: startUsage,
  };
  for (const [index, part] of result.content.entries()) {
    if (part.type === 'text') {
      yield { type: 'text-start', index };
      for (const delta of splitIntoPieces(part.text)) yield { type: 'text-delta', index, delta };
      yield { type: 'text-end', index };
    } else {
      yield { type: 'tool-call-start', index, id: part.id, name: part.name };
      for (const argumentsDelta of splitIntoPieces(JSON.stringify(part.arguments ?? {}))) {
        yield { type: 'tool-call-delta', index, argumentsDelta };
      }
      yield { type: 'tool-call-end', index, arguments: part.arguments };
    }
  }
  yield { type: 'finish', finishReason: result.finishReason, usage: result.usage };
}
