// Reading what the gateway sent the native surface, for the upstream half of a per-surface test.

/** The fields of a native /responses request body that tests look at. */
export interface NativeResponsesBody {
  input: Array<Record<string, unknown>>;
  tools?: Array<Record<string, unknown>>;
  tool_choice?: unknown;
  stream?: boolean;
}

function blockText(content: unknown): string[] {
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) return [];
  return content.flatMap((block) =>
    typeof block === 'object' && block !== null && typeof block.text === 'string' ? [block.text] : [],
  );
}

/** Every text of a Bedrock (Anthropic Messages) body, `system` first, then each turn's text blocks. */
export function bedrockText(body: unknown): string {
  const { system, messages } = (body ?? {}) as { system?: unknown; messages?: Array<{ content: unknown }> };
  return [...blockText(system), ...(messages ?? []).flatMap((message) => blockText(message.content))].join(
    '\n',
  );
}
