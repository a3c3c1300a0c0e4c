import { randomUUID } from 'node:crypto';
import type { StreamEvent } from '../../../core/model.ts';
import { hasUsage, mapFinishReason, mapUsage } from '../../salesforce/response.ts';
import { asJsonObject } from '../shared/as-json-object.ts';
import { malformedAnswer } from './malformed-answer.ts';
import { mapTimestamp } from './map-timestamp.ts';
import { argumentsText, parseGatewayToolArguments } from './parse-tool-arguments.ts';
import { type StreamedToolCall, StreamedToolCalls, type ToolFragment } from './streamed-tool-calls.ts';

type OpenBlock = { kind: 'text'; index: number } | { kind: 'tool'; index: number; call: StreamedToolCall };

/**
 * Turns `generation` chunks into neutral events. One block is open at a time, as every encoder
 * expects: text or a tool call; a new block ends the open one. Finish reason and usage are
 * remembered (usage comes in a late chunk) and reported by `finish`.
 */
export class GenerationStreamAssembler {
  readonly #now: () => number;
  readonly #toolCalls = new StreamedToolCalls();
  #started = false;
  #nextIndex = 0;
  #open: OpenBlock | undefined;
  #madeToolCalls = false;
  #finishReason: string | undefined;
  #usage: unknown;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Whether any generation chunk arrived. */
  get started(): boolean {
    return this.#started;
  }

  /** Whether the upstream said why generation stopped (it does so on the last content chunk). */
  get sawFinishReason(): boolean {
    return this.#finishReason !== undefined;
  }

  /** The events one `generation` chunk's `generation_details` yields. */
  accept(chunkId: unknown, details: Record<string, unknown>): StreamEvent[] {
    const events: StreamEvent[] = [];
    const parameters = asJsonObject(details.parameters);
    const generation = asJsonObject(Array.isArray(details.generations) ? details.generations[0] : undefined);
    if (!this.#started) events.push(this.#responseStart(chunkId, parameters, generation));
    if (hasUsage(parameters?.usage)) this.#usage = parameters?.usage;
    if (!generation) return events;
    if (typeof generation.content === 'string' && generation.content !== '') {
      events.push(...this.#text(generation.content));
    }
    if (Array.isArray(generation.tool_invocations)) {
      for (const entry of generation.tool_invocations)
        events.push(...this.#toolFragment(readFragment(entry)));
    }
    const reason = asJsonObject(generation.parameters)?.finish_reason;
    if (typeof reason === 'string' && reason !== '') this.#finishReason = reason;
    return events;
  }

  /** Ends the open block and reports the finish; call once, at the end of the stream. */
  finish(): StreamEvent[] {
    return [
      ...this.#closeOpen(),
      {
        type: 'finish',
        finishReason: mapFinishReason(this.#finishReason, this.#madeToolCalls),
        usage: mapUsage(this.#usage),
      },
    ];
  }

  #responseStart(
    chunkId: unknown,
    parameters: Record<string, unknown> | undefined,
    generation: Record<string, unknown> | undefined,
  ): StreamEvent {
    this.#started = true;
    const model = parameters?.model;
    return {
      type: 'response-start',
      id: typeof chunkId === 'string' && chunkId !== '' ? chunkId : randomUUID(),
      servedModel: typeof model === 'string' && model !== '' ? model : 'unknown',
      created: mapTimestamp([parameters?.created, generation?.timestamp], this.#now),
      // Only the final usage is known to be complete; the start reports what the chunk had.
      usage: mapUsage(parameters?.usage),
    };
  }

  #text(delta: string): StreamEvent[] {
    if (this.#open?.kind === 'text') return [{ type: 'text-delta', index: this.#open.index, delta }];
    const events = this.#closeOpen();
    const index = this.#nextIndex++;
    this.#open = { kind: 'text', index };
    events.push({ type: 'text-start', index }, { type: 'text-delta', index, delta });
    return events;
  }

  #toolFragment(fragment: ToolFragment): StreamEvent[] {
    const { call, opened } = this.#toolCalls.route(fragment);
    const events: StreamEvent[] = [];
    if (opened) {
      events.push(...this.#closeOpen());
      const index = this.#nextIndex++;
      this.#open = { kind: 'tool', index, call };
      this.#madeToolCalls = true;
      events.push({ type: 'tool-call-start', index, id: call.id, name: call.name });
    } else if (this.#open?.kind !== 'tool' || this.#open.call !== call) {
      // Its tool-call-end (with the parsed arguments) went out already; a late piece cannot be placed.
      throw malformedAnswer(`arguments for the tool call ${call.id} arrived after the call ended`);
    }
    if (fragment.argumentsDelta !== '') {
      call.arguments += fragment.argumentsDelta;
      events.push({
        type: 'tool-call-delta',
        index: this.#open.index,
        argumentsDelta: fragment.argumentsDelta,
      });
    }
    return events;
  }

  #closeOpen(): StreamEvent[] {
    const open = this.#open;
    this.#open = undefined;
    if (open?.kind === 'text') return [{ type: 'text-end', index: open.index }];
    if (open?.kind === 'tool') {
      const parsed = parseGatewayToolArguments(open.call.arguments, open.call.name);
      return [{ type: 'tool-call-end', index: open.index, arguments: parsed }];
    }
    return [];
  }
}

function readFragment(entry: unknown): ToolFragment {
  const invocation = asJsonObject(entry);
  const call = asJsonObject(invocation?.function);
  const id = invocation?.id;
  const index = invocation?.index;
  const name = call?.name;
  return {
    ...(typeof id === 'string' && id !== '' ? { id } : {}),
    ...(typeof index === 'number' && Number.isInteger(index) ? { index } : {}),
    ...(typeof name === 'string' && name !== '' ? { name } : {}),
    argumentsDelta: argumentsText(call?.arguments),
  };
}
