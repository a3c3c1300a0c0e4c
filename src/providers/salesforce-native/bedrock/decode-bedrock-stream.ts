import { randomUUID } from 'node:crypto';
import { GatewayError } from '../../../core/errors.ts';
import type { StreamEvent, Usage } from '../../../core/model.ts';
import { asCount, asJsonObject, asString, type JsonObject } from '../shared/as-json-object.ts';
import { parseToolArguments } from '../shared/parse-tool-arguments.ts';
import { decodeBedrockFrames } from './decode-bedrock-frames.ts';
import { mapBedrockUsage } from './map-bedrock-usage.ts';
import { mapErrorBody } from './map-error-body.ts';
import { mapStopReason } from './map-stop-reason.ts';

/** A content block being streamed, by the kind of neutral events it turns into. */
type OpenBlock =
  | { kind: 'text' }
  | { kind: 'reasoning'; signature?: string; redactedData?: string }
  | { kind: 'tool'; argumentsText: string };

/** The 200 body of `/invoke-with-response-stream` -> neutral events as frames arrive, ending with
 * one finish at message_stop. In-band errors, broken frames and empty or cut streams throw. */
export async function* decodeBedrockStream(
  body: AsyncIterable<Uint8Array>,
  now: () => number,
): AsyncIterable<StreamEvent> {
  const state = new StreamState(now);
  for await (const event of decodeBedrockFrames(body)) {
    yield* state.apply(event);
    if (state.finished) return;
  }
  throw state.endedEarly();
}

class StreamState {
  finished = false;
  private started = false;
  private sawContent = false;
  private readonly blocks = new Map<number, OpenBlock>();
  private usage: JsonObject = {};
  private stopReason: unknown = null;
  private stopSequence: unknown = null;
  private readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
  }

  *apply(event: JsonObject): Iterable<StreamEvent> {
    switch (event.type) {
      case 'message_start':
        yield* this.start(asJsonObject(event.message));
        return;
      case 'content_block_start':
        yield* this.start(undefined);
        yield* this.openBlock(asCount(event.index), asJsonObject(event.content_block));
        return;
      case 'content_block_delta':
        yield* this.applyDelta(asCount(event.index), asJsonObject(event.delta));
        return;
      case 'content_block_stop':
        yield* this.closeBlock(asCount(event.index));
        return;
      case 'message_delta': {
        const delta = asJsonObject(event.delta);
        if (delta && 'stop_reason' in delta) this.stopReason = delta.stop_reason;
        if (delta && 'stop_sequence' in delta) this.stopSequence = delta.stop_sequence;
        this.mergeUsage(asJsonObject(event.usage));
        return;
      }
      case 'message_stop':
        yield* this.finish(asJsonObject(event['amazon-bedrock-invocationMetrics']));
        return;
      case 'error':
        // an error event that says nothing readable is still an error
        throw (
          mapErrorBody(event) ??
          new GatewayError('upstream_error', 'The model reported an error mid-stream and gave no details.')
        );
      // ping, and event types added later, carry nothing to pass on
      default:
        return;
    }
  }

  /** Why the stream is unusable when the body ends before message_stop. */
  endedEarly(): GatewayError {
    const reason = this.sawContent
      ? 'the stream ended before the message was complete'
      : 'the stream ended without any content';
    return new GatewayError('upstream_error', `Salesforce sent an incomplete answer: ${reason}.`, {
      code: this.sawContent ? 'stream_cut' : 'empty_stream',
    });
  }

  // A block or message_stop before message_start still gets a response-start, so the neutral
  // stream always opens the same way.
  private *start(message: JsonObject | undefined): Iterable<StreamEvent> {
    if (this.started) return;
    this.started = true;
    this.mergeUsage(asJsonObject(message?.usage));
    yield {
      type: 'response-start',
      id: asString(message?.id) || randomUUID(),
      servedModel: asString(message?.model) || 'unknown',
      created: Math.floor(this.now() / 1000),
      usage: this.currentUsage(),
    };
  }

  private *openBlock(index: number, block: JsonObject | undefined): Iterable<StreamEvent> {
    switch (block?.type) {
      case 'text': {
        this.track(index, { kind: 'text' });
        yield { type: 'text-start', index };
        const text = asString(block.text);
        if (text) yield { type: 'text-delta', index, delta: text };
        return;
      }
      case 'tool_use': {
        // the start carries `input: {}`; the arguments come as input_json_delta fragments
        this.track(index, { kind: 'tool', argumentsText: '' });
        const id = asString(block.id) || randomUUID();
        yield { type: 'tool-call-start', index, id, name: asString(block.name) ?? '' };
        return;
      }
      case 'thinking': {
        const signature = asString(block.signature);
        this.track(index, { kind: 'reasoning', ...(signature ? { signature } : {}) });
        yield { type: 'reasoning-start', index };
        const text = asString(block.thinking);
        if (text) yield { type: 'reasoning-delta', index, delta: text };
        return;
      }
      case 'redacted_thinking':
        this.track(index, { kind: 'reasoning', redactedData: asString(block.data) ?? '' });
        yield { type: 'reasoning-start', index };
        return;
      // server-tool and other newer blocks are not tracked; their deltas are skipped
      default:
        return;
    }
  }

  private *applyDelta(index: number, delta: JsonObject | undefined): Iterable<StreamEvent> {
    const block = this.blocks.get(index);
    if (!block || !delta) return;
    if (block.kind === 'text' && delta.type === 'text_delta') {
      const text = asString(delta.text);
      if (text) yield { type: 'text-delta', index, delta: text };
    } else if (block.kind === 'tool' && delta.type === 'input_json_delta') {
      const fragment = asString(delta.partial_json);
      if (!fragment) return;
      block.argumentsText += fragment;
      yield { type: 'tool-call-delta', index, argumentsDelta: fragment };
    } else if (block.kind === 'reasoning' && delta.type === 'thinking_delta') {
      const text = asString(delta.thinking);
      if (text) yield { type: 'reasoning-delta', index, delta: text };
    } else if (block.kind === 'reasoning' && delta.type === 'signature_delta') {
      block.signature = (block.signature ?? '') + (asString(delta.signature) ?? '');
    }
  }

  private *closeBlock(index: number): Iterable<StreamEvent> {
    const block = this.blocks.get(index);
    if (!block) return;
    this.blocks.delete(index);
    switch (block.kind) {
      case 'text':
        yield { type: 'text-end', index };
        return;
      case 'tool':
        yield { type: 'tool-call-end', index, arguments: parseToolArguments(block.argumentsText) };
        return;
      case 'reasoning':
        yield {
          type: 'reasoning-end',
          index,
          ...(block.signature ? { signature: block.signature } : {}),
          ...(block.redactedData !== undefined ? { redactedData: block.redactedData } : {}),
        };
        return;
    }
  }

  private *finish(metrics: JsonObject | undefined): Iterable<StreamEvent> {
    yield* this.start(undefined);
    // blocks left open at message_stop are closed, so every start has its end
    for (const index of [...this.blocks.keys()]) yield* this.closeBlock(index);
    // Bedrock's invocation metrics stand in when the Anthropic events carried no usage
    if (metrics && this.usage.output_tokens === undefined) {
      this.usage.input_tokens ??= metrics.inputTokenCount;
      this.usage.output_tokens = metrics.outputTokenCount;
    }
    this.finished = true;
    yield {
      type: 'finish',
      finishReason: mapStopReason(this.stopReason, this.stopSequence),
      usage: this.currentUsage(),
    };
  }

  private track(index: number, block: OpenBlock): void {
    this.sawContent = true;
    this.blocks.set(index, block);
  }

  // message_delta's counts are totals, not increments: a later non-null value replaces the earlier
  private mergeUsage(usage: JsonObject | undefined): void {
    for (const [key, value] of Object.entries(usage ?? {})) if (value != null) this.usage[key] = value;
  }

  private currentUsage(): Usage {
    return mapBedrockUsage(this.usage);
  }
}
