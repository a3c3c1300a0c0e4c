import { randomUUID } from 'node:crypto';
import { GatewayError } from '../../../core/errors.ts';
import type { StreamEvent } from '../../../core/model.ts';
import { asJsonObject, asNonEmptyString, type JsonObject, stringOr } from '../shared/as-json-object.ts';
import { type NativeErrorReport, readNativeErrorBody } from '../shared/read-native-error-body.ts';
import { mapFinishReason } from './map-finish-reason.ts';
import { mapResponsesError } from './map-responses-error.ts';
import { mapUsage } from './map-usage.ts';
import { OutputItemStreams } from './output-item-streams.ts';

/**
 * Turns the Responses route's stream events, one parsed `data` object at a time, into neutral
 * events. Output items map one to one onto neutral blocks; in-band failures throw.
 */
export class ResponsesStreamMapper {
  #now: () => number;
  #started = false;
  #items = new OutputItemStreams();
  /** Set once the terminal event has produced the finish; nothing after it matters. */
  finished = false;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** The neutral events for one stream event; `name` is the SSE event line, used when `type` is missing. */
  *map(data: JsonObject, name: string | undefined): Iterable<StreamEvent> {
    const type = typeof data.type === 'string' ? data.type : name;
    switch (type) {
      case 'response.created':
      case 'response.queued':
      case 'response.in_progress':
        return yield* this.#start(asJsonObject(data.response));
      case 'response.output_item.added':
        yield* this.#start(undefined);
        return yield* this.#items.open(data, asJsonObject(data.item));
      case 'response.output_text.delta':
      case 'response.refusal.delta':
      case 'response.function_call_arguments.delta':
      case 'response.custom_tool_call_input.delta':
      case 'response.reasoning_summary_text.delta':
        return yield* this.#items.delta(data, type);
      case 'response.output_text.done':
        return yield* this.#items.fill(data, data.text, data.content_index);
      case 'response.refusal.done':
        return yield* this.#items.fill(data, data.refusal, data.content_index);
      case 'response.reasoning_summary_text.done':
        return yield* this.#items.fill(data, data.text, data.summary_index);
      case 'response.function_call_arguments.done':
        return yield* this.#items.endTool(data, data.arguments);
      case 'response.custom_tool_call_input.done':
        return yield* this.#items.endTool(data, data.input);
      case 'response.output_item.done':
        yield* this.#start(undefined);
        return yield* this.#items.close(data);
      case 'response.completed':
      case 'response.incomplete':
        return yield* this.#finish(asJsonObject(data.response) ?? {});
      case 'response.failed': {
        const response = asJsonObject(data.response);
        throw mapResponsesError(
          readNativeErrorBody(response) ?? {
            code: 'failed',
            message: 'the response failed without saying why',
          },
        );
      }
      case 'error':
        throw mapResponsesError(readNativeErrorBody(data) ?? readTopLevelError(data));
      case undefined: {
        // a Salesforce error object has no `type`; anything else without one is noise
        const report = readNativeErrorBody(data);
        if (report) throw mapResponsesError(report);
        return;
      }
      // content_part and summary_part boundaries, and event types added later, carry nothing new
      default:
        return;
    }
  }

  /** Why the stream is unusable when the body ends before a terminal event. */
  endedEarly(): GatewayError {
    const reason = this.#items.sawContent
      ? 'the stream ended before the response was complete'
      : 'the stream ended without any content';
    return new GatewayError(
      'upstream_error',
      `Salesforce's GPT route sent an incomplete answer: ${reason}.`,
      {
        code: this.#items.sawContent ? 'stream_cut' : 'empty_stream',
      },
    );
  }

  // Any event before response.created still opens the stream, so it always starts the same way.
  *#start(response: JsonObject | undefined): Iterable<StreamEvent> {
    if (this.#started) return;
    this.#started = true;
    yield {
      type: 'response-start',
      id: asNonEmptyString(response?.id) ?? randomUUID(),
      servedModel: stringOr(response?.model, 'unknown'),
      created:
        typeof response?.created_at === 'number' ? response.created_at : Math.floor(this.#now() / 1000),
      usage: mapUsage(response?.usage),
    };
  }

  *#finish(response: JsonObject): Iterable<StreamEvent> {
    yield* this.#start(response);
    yield* this.#items.endAll();
    this.finished = true;
    yield {
      type: 'finish',
      finishReason: mapFinishReason(response, this.#items.madeToolCall),
      usage: mapUsage(response.usage),
    };
  }
}

function readTopLevelError(data: JsonObject): NativeErrorReport {
  return {
    ...(typeof data.code === 'string' ? { code: data.code } : {}),
    ...(typeof data.message === 'string' ? { message: data.message } : {}),
  };
}
