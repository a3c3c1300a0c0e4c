import type { Logger } from 'pino';
import { GatewayError } from '../core/errors.ts';
import type { ChatRequest, ChatResult, Message, Usage } from '../core/model.ts';
import type { SchemaValidator } from './schema/schema-validator.ts';
import { readStructuredOutput } from './structured-output.ts';
import {
  buildStructuredOutputCorrection,
  buildStructuredOutputInstructions,
} from './structured-output-prompt.ts';
import type { ToolParseOutcome } from './tools/parse-tool-calls.ts';
import {
  buildToolMessages,
  expectsToolCalls,
  needsToolEmulation,
  readToolCalls,
  requiresToolCall,
} from './tools/tool-emulation.ts';
import { buildToolReminder } from './tools/tool-prompt.ts';

// Tool calling and structured output for a text-only upstream, as a policy:
// - the request is rewritten: instructions on top, tool history as envelope text;
// - the answer is read: call envelopes become tool calls, JSON answers are validated;
// - at most one follow-up call: when a required tool call is missing, or when the JSON does
//   not match the schema; its usage is added to the first call's;
// - what still fails is returned honestly as text, except strict json_schema, which fails
//   loudly because the client will parse the text as the schema promised.

/** How an emulated structured answer turned out: valid at once, repaired, corrected by the follow-up call, or invalid. */
export type StructuredOutputOutcome = 'valid' | 'repaired' | 'corrected' | 'invalid';

/** What emulation needs from the gateway, and whom it tells how each reading went. */
export interface EmulationDependencies {
  validator: SchemaValidator;
  /** Told how the tool calls of each answer read (none when the answer held no envelope). */
  onToolParseOutcome: (outcome: ToolParseOutcome) => void;
  onStructuredOutputOutcome: (outcome: StructuredOutputOutcome) => void;
}

/** One upstream call of the provider being emulated for. */
export type UpstreamChat = (request: ChatRequest) => Promise<ChatResult>;

/** True when this request needs any emulation; `emulateTools` is false for an upstream that calls tools natively. */
export function needsEmulation(request: ChatRequest, emulateTools = true): boolean {
  return (emulateTools && needsToolEmulation(request)) || request.responseFormat.type !== 'text';
}

/** Runs a chat through structured-output emulation, and tool emulation unless the upstream calls tools natively. */
export async function chatWithEmulation(
  request: ChatRequest,
  callUpstream: UpstreamChat,
  dependencies: EmulationDependencies,
  logger: Logger,
  emulateTools = true,
): Promise<ChatResult> {
  const upstreamRequest = buildEmulatedRequest(request, emulateTools);
  const first = await callUpstream(upstreamRequest);
  if (!emulateTools) return finishStructured(first, upstreamRequest, request, callUpstream, dependencies);
  let result = await readTools(first, request, dependencies, logger);
  if (requiresToolCall(request) && !hasToolCalls(result)) {
    const retried = await callUpstream(
      followUp(upstreamRequest, first, buildToolReminder(request.toolChoice)),
    );
    result = addUsage(await readTools(retried, request, dependencies, logger), first.usage);
  }
  return finishStructured(result, upstreamRequest, request, callUpstream, dependencies);
}

/** The request as the upstream gets it: instructions on top and, when tools are emulated, tool history as text. */
export function buildEmulatedRequest(request: ChatRequest, emulateTools = true): ChatRequest {
  const messages: Message[] =
    emulateTools && needsToolEmulation(request) ? buildToolMessages(request) : request.messages;
  const instructions = buildStructuredOutputInstructions(request.responseFormat);
  if (!instructions) return { ...request, messages };
  return {
    ...request,
    messages: [{ role: 'system', content: [{ type: 'text', text: instructions }] }, ...messages],
  };
}

async function readTools(
  result: ChatResult,
  request: ChatRequest,
  dependencies: EmulationDependencies,
  logger: Logger,
): Promise<ChatResult> {
  if (!expectsToolCalls(request)) return result;
  const reading = await readToolCalls(result, request, dependencies.validator);
  dependencies.onToolParseOutcome(reading.outcome);
  if (reading.problems.length > 0) {
    logger.warn(
      { outcome: reading.outcome, problems: reading.problems },
      'model tool call could not be used',
    );
  }
  if (reading.droppedCalls > 0) {
    logger.info({ dropped: reading.droppedCalls }, 'parallel_tool_calls is false: kept the first call only');
  }
  return reading.result;
}

// An answer that calls tools holds no JSON answer yet: the structured answer comes after the results.
function finishStructured(
  result: ChatResult,
  upstreamRequest: ChatRequest,
  request: ChatRequest,
  callUpstream: UpstreamChat,
  dependencies: EmulationDependencies,
): Promise<ChatResult> | ChatResult {
  if (request.responseFormat.type === 'text' || hasToolCalls(result)) return result;
  return readStructured(result, upstreamRequest, request, callUpstream, dependencies);
}

async function readStructured(
  result: ChatResult,
  upstreamRequest: ChatRequest,
  request: ChatRequest,
  callUpstream: UpstreamChat,
  dependencies: EmulationDependencies,
): Promise<ChatResult> {
  const format = request.responseFormat;
  if (format.type === 'text') return result;
  const report = dependencies.onStructuredOutputOutcome;
  const first = await readStructuredOutput(result, format, dependencies.validator);
  if (first.ok) {
    report(first.repaired ? 'repaired' : 'valid');
    return first.result;
  }
  const retried = await callUpstream(
    followUp(upstreamRequest, result, buildStructuredOutputCorrection(first.problem)),
  );
  const second = await readStructuredOutput(retried, format, dependencies.validator);
  if (second.ok) {
    report('corrected');
    return addUsage(second.result, result.usage);
  }
  report('invalid');
  if (format.type === 'json-schema' && format.strict) {
    throw new GatewayError(
      'upstream_error',
      `The model did not produce JSON matching the schema "${format.name}", even after one correction: ${second.problem}.`,
      { code: 'structured_output_invalid', retryable: false },
    );
  }
  return addUsage(retried, result.usage);
}

function followUp(request: ChatRequest, previous: ChatResult, instruction: string): ChatRequest {
  const previousText = previous.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
  return {
    ...request,
    messages: [
      ...request.messages,
      { role: 'assistant', content: [{ type: 'text', text: previousText }] },
      { role: 'user', content: [{ type: 'text', text: instruction }] },
    ],
  };
}

function hasToolCalls(result: ChatResult): boolean {
  return result.content.some((part) => part.type === 'tool-call');
}

function addUsage(result: ChatResult, earlier: Usage): ChatResult {
  return {
    ...result,
    usage: {
      inputTokens: result.usage.inputTokens + earlier.inputTokens,
      outputTokens: result.usage.outputTokens + earlier.outputTokens,
      totalTokens: result.usage.totalTokens + earlier.totalTokens,
    },
  };
}
