// Valid request bodies to break one field at a time, and raw JSON text no serializer would write.
import type { BadInputCase, BadInputProtocol } from './describe-bad-input-table.ts';

export const chatPath = '/v1/chat/completions';
export const messagesPath = '/v1/messages';
export const countTokensPath = '/v1/messages/count_tokens';

const validChat = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] };
const validMessages = {
  model: 'claude-sonnet-4-5',
  max_tokens: 256,
  messages: [{ role: 'user', content: 'Hello' }],
};

export const openAIProtocol: BadInputProtocol = {
  name: 'openai',
  headers: { authorization: 'Bearer test-key' },
  validRequest: { path: chatPath, body: validChat },
};

export const anthropicProtocol: BadInputProtocol = {
  name: 'anthropic',
  headers: { 'x-api-key': 'test-key', 'anthropic-version': '2023-06-01' },
  validRequest: { path: messagesPath, body: validMessages },
};

/** A valid body with `changes` applied as JSON text; a change to undefined removes the field. */
export function withChanges(base: object, changes: Record<string, unknown>): string {
  return JSON.stringify({ ...base, ...changes });
}

/** A chat completions body with `changes` applied. */
export function chatBody(changes: Record<string, unknown> = {}): string {
  return withChanges(validChat, changes);
}

/** A Messages body with `changes` applied. */
export function messagesBody(changes: Record<string, unknown> = {}): string {
  return withChanges(validMessages, changes);
}

/** A case for a chat completions body with `changes` applied. */
export function badChat(
  name: string,
  changes: Record<string, unknown>,
  param: string,
  status = 400,
): BadInputCase {
  return { name, path: chatPath, body: chatBody(changes), status, param };
}

/** A case for a Messages body with `changes` applied. */
export function badMessages(
  name: string,
  changes: Record<string, unknown>,
  param: string,
  status = 400,
): BadInputCase {
  return { name, path: messagesPath, body: messagesBody(changes), status, param };
}

/** Stands for a value whose JSON text is put in by `replacePlaceholder`. */
export const placeholder = '@@raw@@';

/** The JSON text with the placeholder string replaced by raw text (a deep nest, a banned key…). */
export function replacePlaceholder(json: string, raw: string): string {
  return json.replace(JSON.stringify(placeholder), raw);
}

/** JSON text of `depth` arrays, one inside the other. */
export function nestedArrays(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** JSON text of `depth` objects, each the value of the key `a` of the one outside it. */
export function nestedObjects(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** The JSON text as UTF-8 bytes with the placeholder string's characters replaced by `bytes`. */
export function withRawBytes(json: string, bytes: number[]): Uint8Array {
  const [before, after] = json.split(placeholder);
  return Buffer.concat([Buffer.from(before ?? ''), Buffer.from(bytes), Buffer.from(after ?? '')]);
}
