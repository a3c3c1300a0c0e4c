import type { ChatMessage } from './gateway-client.ts';

/** The state of a chat: model, optional system message and the last turns. */
export class ChatSession {
  model: string;
  system: string | undefined;
  readonly #maxTurns: number;
  #turns: { user: string; assistant: string }[] = [];

  constructor(options: { model: string; maxTurns: number }) {
    this.model = options.model;
    this.#maxTurns = options.maxTurns;
  }

  /** The messages to send for a new user line: system, kept turns, the new line. */
  messagesFor(userText: string): ChatMessage[] {
    const messages: ChatMessage[] = [];
    if (this.system !== undefined) messages.push({ role: 'system', content: this.system });
    for (const turn of this.#turns) {
      messages.push({ role: 'user', content: turn.user }, { role: 'assistant', content: turn.assistant });
    }
    messages.push({ role: 'user', content: userText });
    return messages;
  }

  /** Keeps a finished exchange, forgetting the oldest beyond the limit. */
  addTurn(user: string, assistant: string): void {
    this.#turns.push({ user, assistant });
    if (this.#turns.length > this.#maxTurns) this.#turns.splice(0, this.#turns.length - this.#maxTurns);
  }

  /** Forgets the history (model and system message stay). */
  reset(): void {
    this.#turns = [];
  }

  /** How many exchanges are kept. */
  get turnCount(): number {
    return this.#turns.length;
  }
}
