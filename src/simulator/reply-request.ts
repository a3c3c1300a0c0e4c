import type { IncomingHttpHeaders } from 'node:http';

/** A chat message as the Models API accepts it. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** What a responder sees: the conversation (a `generations` prompt becomes one user message) and the raw request. */
export interface ReplyRequest {
  endpoint: 'generations' | 'chat-generations';
  /** Model name from the path. */
  model: string;
  /** Model that serves it (differs for rerouted names). */
  servedModel: string;
  messages: ChatMessage[];
  body: unknown;
  headers: IncomingHttpHeaders;
}
