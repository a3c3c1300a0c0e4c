import {
  type EnvelopeCall,
  type EnvelopeFreeformCall,
  type EnvelopeResult,
  renderFreeformCall,
  renderToolCalls,
  renderToolResults,
} from '../../emulation/tools/envelope.ts';
import type { ChatMessage } from '../reply-request.ts';

/** How an image reaches the reply engine: as a mark the echo repeats, so tests see it arrived. */
export const imagePlaceholder = '[image]';

/**
 * Turns a native conversation (real tool calls and results) into the chat messages the shared reply
 * engine reads: calls and results become the gateway's <tool_calls> / <tool_results> text, so results
 * are read exactly as on the Models API side.
 */
export class HistoryBuilder {
  readonly #messages: ChatMessage[] = [];
  readonly #namesById = new Map<string, string>();
  #pendingResults: EnvelopeResult[] = [];

  /** Adds system text. */
  system(text: string): void {
    this.#flushResults();
    this.#messages.push({ role: 'system', content: text });
  }

  /** Adds a user turn; tool results just before it share its message, as in one Anthropic user turn. */
  user(text: string): void {
    const results = this.#takeResults();
    const content = [results, text].filter((part) => part !== '').join('\n\n');
    this.#messages.push({ role: 'user', content });
  }

  /** Adds an assistant turn with its text and the tools it called; freeform calls are written as
   * the gateway writes them, one <tool_input> block each after the <tool_calls> block. */
  assistant(
    text: string,
    calls: readonly EnvelopeCall[],
    freeformCalls: readonly EnvelopeFreeformCall[] = [],
  ): void {
    this.#flushResults();
    for (const call of [...calls, ...freeformCalls]) {
      if (call.id !== undefined) this.#namesById.set(call.id, call.name);
    }
    const rendered = calls.length > 0 ? renderToolCalls([...calls]) : '';
    const inputs = freeformCalls.map((call) => renderFreeformCall(call));
    const content = [text, rendered, ...inputs].filter(Boolean).join('\n\n');
    this.#messages.push({ role: 'assistant', content });
  }

  /** Adds one tool result; consecutive results are gathered into one user message. */
  toolResult(callId: string, content: string, isError: boolean, name?: string): void {
    const knownName = name ?? this.#namesById.get(callId);
    this.#pendingResults.push({
      call_id: callId,
      ...(knownName === undefined ? {} : { name: knownName }),
      content,
      is_error: isError,
    });
  }

  /** The messages, oldest first. */
  build(): ChatMessage[] {
    this.#flushResults();
    return [...this.#messages];
  }

  #takeResults(): string {
    const results = this.#pendingResults;
    this.#pendingResults = [];
    return results.length > 0 ? renderToolResults(results) : '';
  }

  #flushResults(): void {
    const results = this.#takeResults();
    if (results !== '') this.#messages.push({ role: 'user', content: results });
  }
}
