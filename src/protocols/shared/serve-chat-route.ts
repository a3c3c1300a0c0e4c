import type { FastifyReply, FastifyRequest } from 'fastify';
import { type GatewayError, toGatewayError } from '../../core/errors.ts';
import type { ChatResult, StreamEvent } from '../../core/model.ts';
import type { CallContext } from '../../core/provider.ts';
import { captureFrames } from '../../observability/response-capture.ts';
import { writeSseResponse } from '../../streaming/write-sse.ts';
import { answeredModelHeader, encodeAnsweredModelHeader } from './answered-model-header.ts';
import { cacheOutcomeHeader, encodeCacheOutcomeHeader } from './cache-outcome-header.ts';
import type { CallContextHandle } from './create-call-context.ts';
import { encodeFromFirstEvent } from './encode-from-first-event.ts';
import { encodeGenerationIdHeader } from './generation-id-header.ts';
import { encodeIgnoredParamsHeader } from './ignored-params-header.ts';
import { logRequestFailure } from './log-request-failure.ts';
import type { ReplyWithError } from './reply-with-error.ts';
import { listIgnoredFields, locateRequestError, type RequestFieldNames } from './request-field-names.ts';

/** A decoded request bound for the pipeline, whole or streamed. */
export interface PipelineCall {
  /** The neutral request; `model` is the name the client sent. */
  request: { model: string };
  /** How the client's wire format names the request's parts, for warnings and errors. */
  fieldNames: RequestFieldNames;
  /** The context the pipeline is called with, made before the call so a disconnect aborts it. */
  callContext: CallContextHandle;
  /** Calls the pipeline for a whole answer. */
  answer(context: CallContext): Promise<ChatResult>;
  /** Calls the pipeline for streamed events. */
  streamAnswer(context: CallContext): AsyncIterable<StreamEvent>;
}

/** How one protocol answers one decoded chat-like call (chat, messages, responses, completions). */
export interface ChatRoute {
  /** What to ask the pipeline. */
  call: PipelineCall;
  /** The client asked for server-sent events. */
  stream: boolean;
  /** The whole answer's body; `answeredModel` is the public name that answered: a fallback's, else the one the client sent. */
  encodeAnswer(result: ChatResult, answeredModel: string): unknown;
  /** Whole answers carry the x-sfgw-generation-id header. */
  sendsGenerationId: boolean;
  /** The protocol's frames, called once the first event is in; `answeredModel` as for encodeAnswer;
   * `reportFailure` is for failures the encoder turns into frames itself. */
  encodeStream(
    events: AsyncIterable<StreamEvent>,
    answeredModel: string,
    reportFailure: (error: unknown) => GatewayError,
  ): AsyncIterable<string>;
  /** The frame written when the frames fail after the 200 went out; without it the response just ends. */
  encodeStreamError?: (error: GatewayError) => string;
  /** The protocol's keep-alive: an SSE comment or its own ping event. */
  keepAliveFrame: () => string;
  /** Idle time after which a streaming response gets a keep-alive frame. */
  keepAliveMs: number;
  /** Answers a failure before the first frame, in the protocol's error shape. */
  replyWithError: ReplyWithError;
}

/** Answers a chat-like call whole or as a stream, naming the model that answered in the body and
 * in x-sfgw-model. A failure before the first frame becomes a plain HTTP error; after it, the
 * protocol's in-stream error. */
export async function serveChatRoute(
  request: FastifyRequest,
  reply: FastifyReply,
  route: ChatRoute,
): Promise<unknown> {
  // The pipeline rewrites `model` to the upstream name; the client gets back the name it sent, or
  // the fallback's that answered instead.
  const { call } = route;
  const requestedModel = call.request.model;
  const { callContext } = call;
  const { context, abortController, streamObserver, warnings } = callContext;
  const { telemetry } = request;
  // Read after the pipeline ran: it reports the settings this upstream cannot honour.
  const ignoredParamsHeaders = () => encodeIgnoredParamsHeader(listIgnoredFields(call.fieldNames, warnings));
  if (!route.stream) {
    let result: ChatResult;
    try {
      result = await call.answer(context);
    } catch (error) {
      throw locateRequestError(error, call.fieldNames);
    }
    telemetry?.noteServedModel(result.servedModel);
    telemetry?.noteFinish(result.finishReason, result.usage);
    // most answers have no ignored fields: no header object is built for them
    if (warnings.length > 0 || call.fieldNames.ignoredFields.length > 0)
      reply.headers(ignoredParamsHeaders());
    if (route.sendsGenerationId) reply.headers(encodeGenerationIdHeader(result));
    const answeredModel = callContext.fallbackModel ?? requestedModel;
    reply.header(answeredModelHeader, encodeAnsweredModelHeader(answeredModel));
    if (callContext.cacheOutcome !== undefined) reply.header(cacheOutcomeHeader, callContext.cacheOutcome);
    return route.encodeAnswer(result, answeredModel);
  }
  const events = locateFirstStepErrors(call.streamAnswer(context), call.fieldNames, telemetry);
  const reportFailure = (error: unknown) => {
    const gatewayError = toGatewayError(error);
    if (telemetry) telemetry.streamFailure = gatewayError.kind;
    // A failure caused by the client leaving is not worth a log line.
    if (!abortController.signal.aborted) logRequestFailure(request, gatewayError);
    return gatewayError;
  };
  const { encodeStreamError } = route;
  // Known once the first event is in: fallbacks happen only before it.
  let answeredModel: string | undefined;
  const frames = encodeFromFirstEvent(events, (startedEvents) => {
    answeredModel = callContext.fallbackModel ?? requestedModel;
    return route.encodeStream(startedEvents, answeredModel, reportFailure);
  });
  const capture = telemetry?.responseCapture;
  await writeSseResponse(reply, {
    frames: capture ? captureFrames(frames, capture) : frames,
    keepAliveMs: route.keepAliveMs,
    keepAliveFrame: route.keepAliveFrame,
    // A stream committed early by a keep-alive does not know its model yet: its frames name it.
    headers: () =>
      answeredModel === undefined
        ? ignoredParamsHeaders()
        : {
            ...ignoredParamsHeaders(),
            [answeredModelHeader]: encodeAnsweredModelHeader(answeredModel),
            ...encodeCacheOutcomeHeader(callContext.cacheOutcome),
          },
    onFirstFrameError: (error) => {
      route.replyWithError(request, reply, toGatewayError(error));
    },
    ...(encodeStreamError && { errorFrame: (error) => encodeStreamError(reportFailure(error)) }),
    abortController,
    observer: streamObserver,
  });
  return reply;
}

// The pipeline checks the request on the stream's first step, so its errors surface there: only
// that step is wrapped, and every later event passes through without an async generator's hops
// (with telemetry, one callback per event looks for the start's model and the finish's usage).
function locateFirstStepErrors(
  events: AsyncIterable<StreamEvent>,
  fieldNames: RequestFieldNames,
  telemetry: FastifyRequest['telemetry'],
): AsyncIterable<StreamEvent> {
  const noteStep = (step: IteratorResult<StreamEvent>) => {
    if (step.done === true) return step;
    const event = step.value;
    if (event.type === 'finish') telemetry?.noteFinish(event.finishReason, event.usage);
    else if (event.type === 'response-start') telemetry?.noteServedModel(event.servedModel);
    return step;
  };
  return {
    [Symbol.asyncIterator]() {
      const iterator = events[Symbol.asyncIterator]();
      let started = false;
      const firstStep = async () => {
        try {
          const step = await iterator.next();
          return telemetry ? noteStep(step) : step;
        } catch (error) {
          throw locateRequestError(error, fieldNames);
        }
      };
      return {
        next: () => {
          if (started) return telemetry ? iterator.next().then(noteStep) : iterator.next();
          started = true;
          return firstStep();
        },
        return: (value?: unknown) =>
          iterator.return
            ? iterator.return(value)
            : Promise.resolve({ done: true as const, value: undefined }),
      };
    },
  };
}
