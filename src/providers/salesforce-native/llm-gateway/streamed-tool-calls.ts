import { randomUUID } from 'node:crypto';
import { malformedAnswer } from './malformed-answer.ts';

/** One piece of a streamed `tool_invocations` entry, with the keys it happened to carry. */
export interface ToolFragment {
  id?: string;
  index?: number;
  name?: string;
  argumentsDelta: string;
}

/** A tool call being assembled from fragments. */
export interface StreamedToolCall {
  id: string;
  name: string;
  arguments: string;
}

/**
 * Matches streamed tool-call fragments to calls. Clients of this gateway disagree on how later
 * fragments are keyed (by `index`, by repeating `id`, or "no id means the current call"), so
 * all three are accepted: a known id wins (an index may only be the position in the chunk), then
 * a known index; a named fragment under a new key opens a call, and anything else continues the
 * current call.
 */
export class StreamedToolCalls {
  readonly #byId = new Map<string, StreamedToolCall>();
  readonly #byIndex = new Map<number, StreamedToolCall>();
  #current: StreamedToolCall | undefined;

  /** The call this fragment belongs to, and whether the fragment opened it. */
  route(fragment: ToolFragment): { call: StreamedToolCall; opened: boolean } {
    const known = this.#find(fragment);
    if (known) return { call: known, opened: false };
    if (fragment.name === undefined) {
      throw malformedAnswer('a streamed tool-call fragment names no tool and continues no call');
    }
    const call: StreamedToolCall = {
      id: fragment.id ?? `call_${randomUUID()}`,
      name: fragment.name,
      arguments: '',
    };
    this.#byId.set(call.id, call);
    if (fragment.index !== undefined) this.#byIndex.set(fragment.index, call);
    this.#current = call;
    return { call, opened: true };
  }

  #find(fragment: ToolFragment): StreamedToolCall | undefined {
    // A fragment that names a tool under a key not seen yet opens a call.
    if (fragment.id !== undefined) {
      const byId = this.#byId.get(fragment.id);
      if (byId || fragment.name !== undefined) return byId;
    }
    if (fragment.index !== undefined) {
      const byIndex = this.#byIndex.get(fragment.index);
      if (byIndex || fragment.name !== undefined) return byIndex;
    }
    // Without a usable key, a fragment naming a different tool is a new call; otherwise it
    // continues the current one (two keyless calls in a row to the same tool would merge).
    if (fragment.name !== undefined && fragment.name !== this.#current?.name) return undefined;
    return this.#current;
  }
}
