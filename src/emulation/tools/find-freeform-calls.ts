import { freeformClosingTag } from './envelope.ts';

/** One <tool_input> block; `input` is its body exactly as written. */
export interface FreeformCallBlock {
  start: number;
  end: number;
  name: string;
  id: string | undefined;
  input: string;
}

type LineMatch = { start: number; end: number };

// Both tags must stand alone on their lines, so a tag written inside the input (mid-line, or in a
// patch that quotes this format) rarely ends the block early.
const openingPattern = /^<tool_input\s+name="([^"\n]*)"(?:\s+id="([^"\n]*)")?\s*>[ \t]*\r?\n/gm;
const closingPattern = new RegExp(`^${freeformClosingTag.replace('/', '\\/')}[ \\t]*\\r?$`, 'gm');

/**
 * Every <tool_input> block, in order. A body ends at its last closing line before the next
 * opening line that follows a closing line, so a closing line inside the input is kept as input.
 * A block never closed runs to the end of the text (a reply cut short still carries its input).
 */
export function findFreeformCalls(text: string): FreeformCallBlock[] {
  const openings = [...text.matchAll(openingPattern)];
  const closings: LineMatch[] = [...text.matchAll(closingPattern)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
  }));
  const blocks: FreeformCallBlock[] = [];
  let from = 0;
  for (const opening of openings) {
    if (opening.index < from) continue;
    const bodyStart = opening.index + opening[0].length;
    const closing = findClosingLine(bodyStart, closings, openings);
    const bodyEnd = closing?.start ?? text.length;
    const end = closing?.end ?? text.length;
    blocks.push({
      start: opening.index,
      end,
      name: opening[1] ?? '',
      id: opening[2],
      input: dropFinalLineBreak(text.slice(bodyStart, bodyEnd)),
    });
    from = end;
  }
  return blocks;
}

function findClosingLine(
  bodyStart: number,
  closings: LineMatch[],
  openings: RegExpExecArray[],
): LineMatch | undefined {
  let chosen: LineMatch | undefined;
  for (const closing of closings) {
    if (closing.start < bodyStart) continue;
    const chosenEnd = chosen?.end;
    if (chosenEnd !== undefined && openings.some((o) => o.index > chosenEnd && o.index < closing.start))
      break;
    chosen = closing;
  }
  return chosen;
}

// The line break before the closing tag belongs to the envelope, not to the input.
function dropFinalLineBreak(body: string): string {
  if (body.endsWith('\r\n')) return body.slice(0, -2);
  if (body.endsWith('\n')) return body.slice(0, -1);
  return body;
}
