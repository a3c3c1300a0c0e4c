import { buildJsonReply } from './json-reply.ts';
import { type ConversationReading, readConversation } from './read-conversation.ts';
import type { ReplyRequest } from './reply-request.ts';
import { buildToolCallReply } from './tool-call-reply.ts';
import { summarizeToolResults } from './tool-results-summary.ts';

const quoteLength = 200;

/** The answer when no tool is called: a summary of tool results, else an echo of the user's turn,
 * written as JSON when the instructions require JSON. */
export function buildAnswerText(reading: ConversationReading): string {
  const answer =
    reading.toolResults === undefined
      ? `Simulated reply to: ${reading.userText.trim().slice(0, quoteLength)}`
      : summarizeToolResults(reading.toolResults);
  if (reading.jsonOutput === undefined) return answer;
  return buildJsonReply({
    schema: reading.jsonOutput.schema,
    markers: reading.markers,
    answerText: answer,
    hints: reading.hints,
  });
}

/** The reply when nothing is scripted: a tool call when tools are offered and the user just spoke,
 * a summary of tool results, a JSON answer when JSON is required, else an echo of the user's turn. */
export function buildDefaultReply(request: Pick<ReplyRequest, 'endpoint' | 'messages'>): string {
  const reading = readConversation(request.endpoint, request.messages);
  return buildToolCallReply(reading) ?? buildAnswerText(reading);
}
