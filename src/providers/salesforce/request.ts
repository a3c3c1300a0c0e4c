import type { ChatRequest, ContentPart, FeedbackRequest, Message } from '../../core/model.ts';

/** One message of a chat-generations body: the upstream takes plain-string content only. */
export interface UpstreamMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** The body of POST /models/{model}/chat-generations. */
export interface ChatGenerationsBody {
  messages: UpstreamMessage[];
}

/** The body of POST /models/{model}/embeddings. */
export interface EmbeddingsBody {
  input: string[];
}

/** Builds the chat-generations body: plain-string content, adjacent turns of one role merged.
 * Tool turns arrive here already rendered as text by emulation; any left over are rendered
 * plainly so nothing the client sent is silently lost. */
export function buildChatRequest(request: ChatRequest): ChatGenerationsBody {
  const messages: UpstreamMessage[] = [];
  for (const message of request.messages) {
    const content = renderContent(message.content);
    if (content === '') continue;
    const role = mapRole(message);
    const previous = messages.at(-1);
    // hosted models differ on accepting two turns in a row from one role; one merged turn is safe
    if (previous?.role === role) previous.content = `${previous.content}\n\n${content}`;
    else messages.push({ role, content });
  }
  return { messages };
}

/** The body of POST /models/{model}/generations. */
export interface GenerationsBody {
  prompt: string;
}

/** Builds the generations body. */
export function buildGenerationsRequest(prompt: string): GenerationsBody {
  return { prompt };
}

/** Builds the feedback body: the fields the API documents, only those the client gave. */
export function buildFeedbackRequest(request: FeedbackRequest): Record<string, unknown> {
  return Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined));
}

/** Builds the embeddings body. */
export function buildEmbeddingsRequest(input: string[]): EmbeddingsBody {
  return { input };
}

function mapRole(message: Message): UpstreamMessage['role'] {
  // the upstream knows no tool role: a tool result is something the user side reports back
  return message.role === 'tool' ? 'user' : message.role;
}

function renderContent(parts: ContentPart[]): string {
  return parts
    .map(renderPart)
    .filter((text) => text !== '')
    .join('\n');
}

function renderPart(part: ContentPart): string {
  switch (part.type) {
    case 'text':
      return part.text;
    case 'tool-call':
      return `[tool call ${part.name} ${JSON.stringify(part.arguments)}]`;
    case 'tool-result':
      return `[tool result for ${part.callId}${part.isError ? ' (error)' : ''}] ${part.content}`;
    // The Models API produces no reasoning and takes none back; images are refused before this.
    case 'reasoning':
    case 'image':
      return '';
  }
}
