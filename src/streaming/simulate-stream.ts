import type { ChatResult, ReasoningPart, StreamEvent } from '../core/model.ts';
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
    } else if (part.type === 'reasoning') {
      yield { type: 'reasoning-start', index };
      for (const delta of splitIntoPieces(part.text)) yield { type: 'reasoning-delta', index, delta };
      yield { type: 'reasoning-end', index, ...pickReasoningSeal(part) };
    } else {
      const freeform = part.freeform === true;
      yield {
        type: 'tool-call-start',
        index,
        id: part.id,
        name: part.name,
        ...(freeform ? { freeform } : {}),
      };
      // A freeform call's input is raw text already; only JSON arguments need encoding.
      const streamed = freeform ? String(part.arguments) : JSON.stringify(part.arguments ?? {});
      for (const argumentsDelta of splitIntoPieces(streamed)) {
        yield { type: 'tool-call-delta', index, argumentsDelta };
      }
      yield { type: 'tool-call-end', index, arguments: part.arguments };
    }
  }
  yield { type: 'finish', finishReason: result.finishReason, usage: result.usage };
}

function pickReasoningSeal(part: ReasoningPart): { signature?: string; redactedData?: string } {
  return {
    ...(part.signature === undefined ? {} : { signature: part.signature }),
    ...(part.redactedData === undefined ? {} : { redactedData: part.redactedData }),
  };
}
