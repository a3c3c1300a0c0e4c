import type { EnvelopeCall } from '../emulation/tools/envelope.ts';
import { buildDefaultReply } from './default-reply.ts';
import type { ReplyRequest } from './reply-request.ts';

/** A scripted reply with an optional provider finish reason (default `stop`) and tool calls. */
export interface ScriptedReply {
  text: string;
  finishReason?: string;
  /** Native routes answer these as real tool calls; the Models API appends them to the text as an envelope. */
  toolCalls?: EnvelopeCall[];
}

/** A reply with every default applied. */
export interface NormalizedReply {
  text: string;
  finishReason: string;
  toolCalls: EnvelopeCall[];
}

/** Reply text, or text with a finish reason. */
export type Reply = string | ScriptedReply;

/** Test-supplied logic that computes a reply. */
export type Responder = (request: ReplyRequest) => Reply | Promise<Reply>;

function normalizeReply(reply: Reply): NormalizedReply {
  if (typeof reply === 'string') return { text: reply, finishReason: 'stop', toolCalls: [] };
  return { text: reply.text, finishReason: reply.finishReason ?? 'stop', toolCalls: reply.toolCalls ?? [] };
}

/** Decides reply text: queued replies first (FIFO), then the responder, then the default reply (scenarios). */
export class ReplyScript {
  #queue: NormalizedReply[] = [];
  #responder: Responder | undefined;

  /** Queues replies consumed one per generation call, on the Models API or the native surface. */
  enqueue(...replies: Reply[]): void {
    this.#queue.push(...replies.map(normalizeReply));
  }

  /** Installs (or with undefined, removes) the responder used when the queue is empty. */
  setResponder(responder: Responder | undefined): void {
    this.#responder = responder;
  }

  /** The reply for one request; `fallback` is the default reply of the request's surface. */
  async next(
    request: ReplyRequest,
    fallback: (request: ReplyRequest) => Reply = buildDefaultReply,
  ): Promise<NormalizedReply> {
    const queued = this.#queue.shift();
    if (queued !== undefined) return queued;
    if (this.#responder !== undefined) return normalizeReply(await this.#responder(request));
    return normalizeReply(fallback(request));
  }

  /** How many queued replies are left. */
  pending(): number {
    return this.#queue.length;
  }

  /** Drops queued replies and the responder. */
  reset(): void {
    this.#queue = [];
    this.#responder = undefined;
  }
}
