import type { ChatRequest, ChatResult, Message } from '../../core/model.ts';
import type { SchemaValidator } from '../schema/schema-validator.ts';
import { createCallId } from './create-call-id.ts';
import { parseToolCalls, type ToolParseOutcome } from './parse-tool-calls.ts';
import { hasToolHistory, renderToolHistory } from './render-tool-history.ts';
import { buildToolInstructions } from './tool-prompt.ts';

/** Whether a request needs tool emulation on a text-only upstream. */
export function needsToolEmulation(request: ChatRequest): boolean {
  return request.tools.length > 0 || hasToolHistory(request.messages);
}

/** True when the model is expected to call tools in this reply. */
export function expectsToolCalls(request: ChatRequest): boolean {
  return request.tools.length > 0 && request.toolChoice.type !== 'none';
}

/** True when the client insisted on a call (required or a named tool). */
export function requiresToolCall(request: ChatRequest): boolean {
  return (
    request.tools.length > 0 && (request.toolChoice.type === 'required' || request.toolChoice.type === 'tool')
  );
}

/** The tool instructions (when tools are offered) plus the history rendered as envelope text. */
export function buildToolMessages(request: ChatRequest): Message[] {
  const history = renderToolHistory(request.messages);
  if (request.tools.length === 0) return history;
  const instructions = buildToolInstructions(request.tools, request.toolChoice, request.parallelToolCalls);
  return [{ role: 'system', content: [{ type: 'text', text: instructions }] }, ...history];
}

/** What reading tool calls out of an answer produced. */
export interface ToolReading {
  result: ChatResult;
  outcome: ToolParseOutcome;
  problems: string[];
  /** Calls dropped because the client allowed only one per reply. */
  droppedCalls: number;
}

/** Turns call envelopes in the answer's text into tool-call parts; everything else stays text. */
export async function readToolCalls(
  result: ChatResult,
  request: ChatRequest,
  validator: SchemaValidator,
): Promise<ToolReading> {
  const text = result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
  const choice = request.toolChoice;
  const parse = await parseToolCalls(text, {
    tools: request.tools,
    validator,
    createId: createCallId,
    allowedNames: choice.type === 'tool' ? new Set([choice.name]) : undefined,
    // a model may copy an id it saw in the replayed history; a new call needs a new id
    takenIds: new Set(
      request.messages.flatMap((message) =>
        message.content.flatMap((part) => (part.type === 'tool-call' ? [part.id] : [])),
      ),
    ),
  });
  let droppedCalls = 0;
  let content = parse.content;
  if (!request.parallelToolCalls) {
    const calls = content.filter((part) => part.type === 'tool-call');
    droppedCalls = Math.max(0, calls.length - 1);
    content = content.filter((part) => part.type !== 'tool-call' || part === calls[0]);
  }
  const hasCalls = content.some((part) => part.type === 'tool-call');
  return {
    result: {
      ...result,
      content,
      finishReason: hasCalls ? { unified: 'tool-calls', raw: result.finishReason.raw } : result.finishReason,
    },
    outcome: parse.outcome,
    problems: parse.problems,
    droppedCalls,
  };
}
