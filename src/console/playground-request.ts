import type { PlaygroundProtocol } from './playground-protocol.ts';
import { parseTools } from './playground-tools.ts';

/** What the playground's form holds. */
export interface PlaygroundInput {
  protocol: PlaygroundProtocol;
  model: string;
  stream: boolean;
  systemPrompt: string;
  message: string;
  tools: string;
}

/** A request ready for fetch, and for the curl line (headers without the key). */
export interface PlaygroundRequest {
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

// Anthropic requires max_tokens; a playground answer rarely needs more.
const anthropicMaxTokens = 1024;

/** Builds the chat request for `input`; throws ToolsError when the tools box is not usable. */
export function buildPlaygroundRequest(input: PlaygroundInput): PlaygroundRequest {
  const tools = parseTools(input.tools, input.protocol);
  const system = input.systemPrompt.trim();
  const user = { role: 'user', content: input.message };
  if (input.protocol === 'anthropic') {
    return {
      path: '/v1/messages',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: {
        model: input.model,
        max_tokens: anthropicMaxTokens,
        ...(system ? { system } : {}),
        messages: [user],
        ...(tools ? { tools } : {}),
        stream: input.stream,
      },
    };
  }
  return {
    path: '/v1/chat/completions',
    headers: { 'content-type': 'application/json' },
    body: {
      model: input.model,
      messages: system ? [{ role: 'system', content: system }, user] : [user],
      ...(tools ? { tools } : {}),
      stream: input.stream,
      ...(input.stream ? { stream_options: { include_usage: true } } : {}),
    },
  };
}

/** The header that carries the key in `protocol`: Anthropic clients send x-api-key. */
export function keyHeader(protocol: PlaygroundProtocol, key: string): Record<string, string> {
  return protocol === 'anthropic' ? { 'x-api-key': key } : { authorization: `Bearer ${key}` };
}
