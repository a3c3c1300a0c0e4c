/**
 * The tool calls a tool result may answer while a conversation is read in order: those of the
 * run of assistant turns right before it. Same-role turns in a row count as one turn, as both
 * APIs merge them; system turns do not interrupt a run.
 */
export class OpenToolCalls {
  #ids = new Set<string>();
  #previousRole: 'assistant' | 'other' | undefined;

  /** Starts a turn; call it for every turn except system ones. */
  enterTurn(role: string): void {
    const current = role === 'assistant' ? 'assistant' : 'other';
    if (current === 'assistant' && this.#previousRole !== 'assistant') this.#ids = new Set();
    this.#previousRole = current;
  }

  /** Records a call the current assistant turn makes. */
  addCall(id: string): void {
    this.#ids.add(id);
  }

  /** Whether a result with this call id answers a call of the assistant turn before it. */
  answers(callId: string): boolean {
    return this.#ids.has(callId);
  }
}
