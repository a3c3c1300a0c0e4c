import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ToolChoice, ToolDefinition } from '../../core/model.ts';
import { buildAnswerText } from '../default-reply.ts';
import { readConversation } from '../read-conversation.ts';
import type { ChatMessage, NativeRoute } from '../reply-request.ts';
import type { ScriptedReply } from '../reply-script.ts';
import type { SimulatorState } from '../simulator-state.ts';
import { buildToolCallReply, planToolCalls } from '../tool-call-reply.ts';
import type { NativeModel } from './native-models.ts';

/** A native request read into what the shared reply engine needs. */
export interface NativeConversation {
  /** The conversation, tool calls and results written as the gateway's envelope text (see HistoryBuilder). */
  messages: ChatMessage[];
  /** Tools offered in the request's own `tools` field. */
  tools: ToolDefinition[];
  choice: ToolChoice;
  parallel: boolean;
  /** True when the request asks for thinking or reasoning. */
  reasoning: boolean;
}

/** One tool call with its id; a call to a freeform (custom) tool has its raw text input as `arguments`. */
export interface NativeToolCall {
  id: string;
  name: string;
  arguments: unknown;
  /** True when the called tool is one of the request's freeform (custom) tools. */
  freeform?: boolean;
}

/** What a native route answers, before it is written in the route's shape. */
export interface NativeReply {
  text: string;
  toolCalls: NativeToolCall[];
  /** `tool_calls` whenever tools are called, `length` when the script says so, else `stop`. */
  finishReason: 'stop' | 'length' | 'tool_calls';
  /** A short reasoning text, when the request asked for thinking. */
  reasoning: string | undefined;
  usage: { inputTokens: number; outputTokens: number; reasoningTokens: number };
}

// Every simulated usage figure: one token per four characters, rounded up, as on the Models API side.
function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

// What the fake model sends a freeform tool when the user marked no input, as on the Models API.
const placeholderFreeformInput = 'example input';

/** The default reply on native routes: the shared scenarios, with the request's real tools. A
 * request with no tools of its own whose prompt lists some (the gateway emulating them, as for a
 * freeform tool outside GPT) is answered as on the Models API: the calls written as envelope text. */
export function buildNativeDefaultReply(route: NativeRoute, conversation: NativeConversation): ScriptedReply {
  const prompted = readConversation(route, conversation.messages);
  if (conversation.tools.length === 0 && prompted.tools.length > 0) {
    return { text: buildToolCallReply(prompted) ?? buildAnswerText(prompted) };
  }
  const reading = {
    ...prompted,
    tools: conversation.tools,
    rule: { choice: conversation.choice, parallel: conversation.parallel },
  };
  const freeformInput = reading.freeformInput ?? placeholderFreeformInput;
  const toolCalls = planToolCalls(reading)?.map((call) =>
    isFreeformTool(conversation, call.name) ? { ...call, arguments: freeformInput } : call,
  );
  return toolCalls === undefined ? { text: buildAnswerText(reading) } : { text: '', toolCalls };
}

function isFreeformTool(conversation: NativeConversation, name: string): boolean {
  return conversation.tools.some((tool) => tool.name === name && tool.freeform !== undefined);
}

// The text a call writes: a freeform call's raw input, else its JSON arguments.
function writtenInput(call: NativeToolCall): string {
  return call.freeform ? String(call.arguments) : JSON.stringify(call.arguments);
}

function buildReasoning(messages: readonly ChatMessage[]): string {
  const lastUser = messages.findLast((message) => message.role === 'user')?.content ?? '';
  return `The user wrote: ${lastUser.trim().slice(0, 80)}. I will answer directly.`;
}

/** The reply for a native request: queued replies, the responder, else the default scenarios. */
export async function buildNativeReply(
  state: SimulatorState,
  route: NativeRoute,
  model: NativeModel,
  conversation: NativeConversation,
  request: FastifyRequest,
  callIdPrefix: string,
): Promise<NativeReply> {
  const scripted = await state.replies.next(
    {
      endpoint: route,
      model: model.alias,
      servedModel: model.definition.name,
      messages: conversation.messages,
      body: request.body,
      headers: request.headers,
    },
    () => buildNativeDefaultReply(route, conversation),
  );
  const toolCalls = scripted.toolCalls.map((call): NativeToolCall => {
    const id = call.id ?? `${callIdPrefix}${randomBytes(12).toString('hex')}`;
    if (!isFreeformTool(conversation, call.name)) return { id, name: call.name, arguments: call.arguments };
    const input = typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
    return { id, name: call.name, arguments: input, freeform: true };
  });
  const reasoning = conversation.reasoning ? buildReasoning(conversation.messages) : undefined;
  const finishReason =
    toolCalls.length > 0 ? 'tool_calls' : scripted.finishReason === 'length' ? 'length' : 'stop';
  const prompt = conversation.messages.map((message) => message.content).join('');
  const written = scripted.text + toolCalls.map(writtenInput).join('');
  return {
    text: scripted.text,
    toolCalls,
    finishReason,
    reasoning,
    usage: {
      inputTokens: estimateTokens(prompt),
      outputTokens: estimateTokens(written) + estimateTokens(reasoning ?? ''),
      reasoningTokens: estimateTokens(reasoning ?? ''),
    },
  };
}
