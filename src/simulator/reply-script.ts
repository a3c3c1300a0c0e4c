import { buildDefaultReply } from './default-reply.ts';
import type { ReplyRequest } from './reply-request.ts';

/** A scripted reply with an optional provider finish reason (default `stop`). */
export interface ScriptedReply {
  text: string;
  finishReason?: string;
}

/** Reply text, or text with a finish reason. */
export type Reply = string | ScriptedReply;

/** Test-supplied logic that computes a reply. */
export type Responder = (request: ReplyRequest) => Reply | Promise<Reply>;

function normalizeReply(reply: Reply): Required<ScriptedReply> {
  if (typeof reply === 'string') return { text: reply, finishReason: 'stop' };
  return { text: reply.text, finishReason: reply.finishReason ?? 'stop' };
}

/** Decides reply text: queued replies first (FIFO), then the responder, then the default reply (scenarios). */
export class ReplyScript {
  #queue: Required<ScriptedReply>[] = [];
  #responder: Responder | undefined;

  /** Queues replies consumed one per generations or chat-generations call. */
  enqueue(...replies: Reply[]): void {
    this.#queue.push(...replies.map(normalizeReply));
  }

  /** Installs (or with undefined, removes) the responder used when the queue is empty. */
  setResponder(responder: Responder | undefined): void {
    this.#responder = responder;
  }

  /** The reply for one request. */
  async next(request: ReplyRequest): Promise<Required<ScriptedReply>> {
    const queued = this.#queue.shift();
    if (queued !== undefined) return queued;
    if (this.#responder !== undefined) return normalizeReply(await this.#responder(request));
    return normalizeReply(buildDefaultReply(request));
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
