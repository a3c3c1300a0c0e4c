/** One block between an opening and a closing envelope tag; `body` is the JSON text inside it. */
export interface TaggedBlock {
  start: number;
  end: number;
  body: string;
}

const fenceMarker = '```';

/**
 * Every block with these tags, in order. Models also write the singular form (`<tool_call>`, the
 * Hermes/Qwen habit), so both spellings count. A block without a closing tag runs to the end, but
 * only when JSON follows the opening tag: otherwise the tag is just mentioned in prose.
 */
export function findTaggedBlocks(text: string, tags: readonly [string, string]): TaggedBlock[] {
  const openingStem = tags[0].replace(/s?>$/, '');
  const closingStem = tags[1].replace(/s?>$/, '');
  const blocks: TaggedBlock[] = [];
  let from = 0;
  for (;;) {
    const opening = findTag(text, openingStem, from);
    if (opening === undefined) return blocks;
    const closing = findClosingTag(text, closingStem, opening.end);
    const body = unwrapFence(text.slice(opening.end, closing?.start).trim());
    if (closing === undefined && !startsLikeJson(body)) {
      from = opening.end;
      continue;
    }
    const end = closing?.end ?? text.length;
    blocks.push({ start: opening.start, end, body });
    from = end;
  }
}

/** The next `<stem>` or `<stem>s>` tag at or after `from`. */
function findTag(text: string, stem: string, from: number): { start: number; end: number } | undefined {
  for (let start = text.indexOf(stem, from); start !== -1; start = text.indexOf(stem, start + 1)) {
    const end = tagEndAt(text, stem, start);
    if (end !== undefined) return { start, end };
  }
  return undefined;
}

/** The end of a `<stem>` or `<stem>s>` tag that starts exactly at `start`. */
function tagEndAt(text: string, stem: string, start: number): number | undefined {
  if (!text.startsWith(stem, start)) return undefined;
  const after = start + stem.length;
  if (text[after] === '>') return after + 1;
  if (text[after] === 's' && text[after + 1] === '>') return after + 2;
  return undefined;
}

/** The closing tag, skipping any that sits inside a JSON string (an argument may quote the tag). */
function findClosingTag(
  text: string,
  stem: string,
  from: number,
): { start: number; end: number } | undefined {
  let inString = false;
  for (let index = from; index < text.length; index++) {
    const character = text[index];
    if (inString) {
      if (character === '\\') index++;
      else if (character === '"') inString = false;
    } else if (character === '"') {
      inString = true;
    } else if (character === '<') {
      const end = tagEndAt(text, stem, index);
      if (end !== undefined) return { start: index, end };
    }
  }
  // An unterminated string hid every closing tag: fall back to the first one in the raw text.
  return findTag(text, stem, from);
}

function unwrapFence(body: string): string {
  if (!body.startsWith(fenceMarker)) return body;
  const firstLineEnd = body.indexOf('\n');
  if (firstLineEnd === -1) return body;
  const inner = body.slice(firstLineEnd + 1);
  return (inner.endsWith(fenceMarker) ? inner.slice(0, -fenceMarker.length) : inner).trim();
}

function startsLikeJson(body: string): boolean {
  return body.startsWith('[') || body.startsWith('{');
}
