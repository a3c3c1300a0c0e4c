import type { IncomingHttpHeaders } from 'node:http';

/** A chat message as the Models API accepts it. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** The native-surface routes (`/ai/gpt/v1`), by their path after the base. */
export type NativeRoute =
  | 'invoke'
  | 'invoke-with-response-stream'
  | 'responses'
  | 'chat/generations'
  | 'chat/generations/stream';

/** What a responder sees: the conversation (a `generations` prompt becomes one user message) and the raw request. */
export interface ReplyRequest {
  endpoint: 'generations' | 'chat-generations' | NativeRoute;
  /** Model name from the path (or, on native routes, the alias from the path or body). */
  model: string;
  /** Model that serves it (differs for rerouted names). */
  servedModel: string;
  /** On native routes, tool calls and results appear as the gateway's <tool_calls> / <tool_results> text. */
  messages: ChatMessage[];
  body: unknown;
  headers: IncomingHttpHeaders;
}
