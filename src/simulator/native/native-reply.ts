import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ToolChoice, ToolDefinition } from '../../core/model.ts';
import { buildAnswerText } from '../default-reply.ts';
import { readConversation } from '../read-conversation.ts';
import type { ChatMessage, NativeRoute } from '../reply-request.ts';
import type { ScriptedReply } from '../reply-script.ts';
import type { SimulatorState } from '../simulator-state.ts';
import { planToolCalls } from '../tool-call-reply.ts';
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

/** One tool call with its id. */
export interface NativeToolCall {
  id: string;
  name: string;
  arguments: unknown;
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

/** The default reply on native routes: the shared scenarios, with the request's real tools. */
export function buildNativeDefaultReply(route: NativeRoute, conversation: NativeConversation): ScriptedReply {
  const reading = {
    ...readConversation(route, conversation.messages),
    tools: conversation.tools,
    rule: { choice: conversation.choice, parallel: conversation.parallel },
  };
  const toolCalls = planToolCalls(reading);
  return toolCalls === undefined ? { text: buildAnswerText(reading) } : { text: '', toolCalls };
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
  const toolCalls = scripted.toolCalls.map((call) => ({
    id: call.id ?? `${callIdPrefix}${randomBytes(12).toString('hex')}`,
    name: call.name,
    arguments: call.arguments,
  }));
  const reasoning = conversation.reasoning ? buildReasoning(conversation.messages) : undefined;
  const finishReason =
    toolCalls.length > 0 ? 'tool_calls' : scripted.finishReason === 'length' ? 'length' : 'stop';
  const prompt = conversation.messages.map((message) => message.content).join('');
  const written = scripted.text + toolCalls.map((call) => JSON.stringify(call.arguments)).join('');
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
