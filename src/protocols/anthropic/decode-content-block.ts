import { GatewayError } from '../../core/errors.ts';
import type { ContentPart, ImagePart, TextPart } from '../../core/model.ts';
import { formatParam } from '../shared/map-validation-issue.ts';
import { validate } from '../shared/validate.ts';
import {
  base64ImageSourceSchema,
  contentSourceSchema,
  documentBlockSchema,
  imageBlockSchema,
  plainTextSourceSchema,
  searchResultBlockSchema,
  textBlockSchema,
  toolResultBlockSchema,
  toolUseBlockSchema,
  urlImageSourceSchema,
  type WireBlock,
} from './schema.ts';

// Block policy:
// - text, search_result and plain-text documents become text; tool_use and tool_result become
//   neutral tool calls and results.
// - image blocks with a base64 or url source become image parts (base64 as a data URL); the
//   pipeline refuses them for a text-only upstream. A file source is refused here: the gateway
//   has no file store to read it from.
// - non-text documents in a message are refused with a 400 naming the block: answering without
//   content the user sent would be worse than saying so.
// - inside a tool_result the same blocks become a placeholder line instead, so that one
//   screenshot returned by a tool does not fail a whole agent turn; the model learns that
//   something was there and that it cannot see it.
// - thinking and redacted_thinking blocks are dropped: the gateway's model never produced them,
//   and their signed or encrypted content means nothing to it. Anthropic requires clients to send
//   them back unchanged, so they must be accepted, not refused.
// - server-tool blocks (server_tool_use, mcp_tool_use, every *_tool_result, container_upload) are
//   dropped: they record tools that ran on Anthropic's servers, which this gateway neither offers
//   nor can replay, and appear only in conversations begun elsewhere.

/** One content block of `messages[i].content` -> neutral parts; `path` locates it for errors. */
export function decodeContentBlock(block: WireBlock, path: PropertyKey[]): ContentPart[] {
  switch (block.type) {
    case 'tool_use': {
      const { id, name, input } = validate(toolUseBlockSchema, block, path);
      return [{ type: 'tool-call', id, name, arguments: input ?? {} }];
    }
    case 'tool_result': {
      const result = validate(toolResultBlockSchema, block, path);
      const content = decodeToolResultContent(result.content, [...path, 'content']);
      return [
        { type: 'tool-result', callId: result.tool_use_id, content, isError: result.is_error === true },
      ];
    }
    case 'image':
      return [decodeImage(block, path)];
    case 'thinking':
    case 'redacted_thinking':
      return [];
    default: {
      if (isServerToolBlock(block.type)) return [];
      const text = readBlockText(block, path);
      if (text === undefined) throw refuse(block, path);
      return textParts(text);
    }
  }
}

/** A text-only block list (system prompts) -> text parts. */
export function decodeTextBlocks(content: string | WireBlock[], path: PropertyKey[]): TextPart[] {
  if (typeof content === 'string') return textParts(content);
  return content.flatMap((block, index) =>
    textParts(validate(textBlockSchema, block, [...path, index]).text),
  );
}

function decodeImage(block: WireBlock, path: PropertyKey[]): ImagePart {
  const { source } = validate(imageBlockSchema, block, path);
  const sourcePath = [...path, 'source'];
  if (source.type === 'base64') {
    const { media_type: mediaType, data } = validate(base64ImageSourceSchema, source, sourcePath);
    return { type: 'image', url: `data:${mediaType};base64,${data}` };
  }
  if (source.type === 'url')
    return { type: 'image', url: validate(urlImageSourceSchema, source, sourcePath).url };
  const param = formatParam(path);
  throw new GatewayError(
    'invalid_request',
    `${param} is an image with a "${source.type}" source, which this gateway cannot read: it stores no files. Send the image as a base64 or url source.`,
    { param, code: 'unsupported_content' },
  );
}

function isServerToolBlock(type: string): boolean {
  return (
    type === 'server_tool_use' ||
    type === 'mcp_tool_use' ||
    type === 'container_upload' ||
    type.endsWith('_tool_result')
  );
}

function decodeToolResultContent(content: string | WireBlock[] | null | undefined, path: PropertyKey[]) {
  if (typeof content === 'string') return content;
  return (content ?? [])
    .map((block, index) => readBlockText(block, [...path, index]) ?? placeholder(block.type))
    .join('\n');
}

function placeholder(type: string): string {
  return `[${type === 'image' ? 'image' : `${type} block`} omitted: the model accepts text only]`;
}

/** The text a block carries, or undefined when it carries something other than text. */
function readBlockText(block: WireBlock, path: PropertyKey[]): string | undefined {
  switch (block.type) {
    case 'text':
      return validate(textBlockSchema, block, path).text;
    case 'search_result': {
      const result = validate(searchResultBlockSchema, block, path);
      const body = result.content.map((part) => part.text).join('\n');
      return `${result.title} (${result.source})\n${body}`;
    }
    case 'document':
      return readDocumentText(block, path);
    default:
      return undefined;
  }
}

function readDocumentText(block: WireBlock, path: PropertyKey[]): string | undefined {
  const document = validate(documentBlockSchema, block, path);
  const sourcePath = [...path, 'source'];
  let body: string | undefined;
  if (document.source.type === 'text')
    body = validate(plainTextSourceSchema, document.source, sourcePath).data;
  if (document.source.type === 'content') {
    const { content } = validate(contentSourceSchema, document.source, sourcePath);
    const texts =
      typeof content === 'string'
        ? [content]
        : content.map((part, index) => readBlockText(part, [...sourcePath, 'content', index]));
    body = texts.every((text) => text !== undefined) ? texts.join('\n') : undefined;
  }
  if (body === undefined) return undefined;
  return [document.title, document.context, body].filter((text) => text != null && text !== '').join('\n\n');
}

function refuse(block: WireBlock, path: PropertyKey[]): GatewayError {
  const param = formatParam(path);
  const message =
    block.type === 'document'
      ? `${param} is a document whose content is not text (${describeSource(block)}), but the model behind this gateway accepts text only; send a plain-text document or the text itself.`
      : `${param} is a "${block.type}" block, which this gateway does not support; send the content as text.`;
  return new GatewayError('invalid_request', message, { param, code: 'unsupported_content' });
}

function describeSource(block: WireBlock): string {
  const source = block.source as { type?: unknown; media_type?: unknown };
  const kind = typeof source.media_type === 'string' ? source.media_type : source.type;
  return `source: ${String(kind)}`;
}

function textParts(text: string): TextPart[] {
  return text === '' ? [] : [{ type: 'text', text }];
}
