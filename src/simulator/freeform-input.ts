// How a test tells the fake model what raw text to send a freeform tool (Codex's apply_patch):
// the user writes it between two marker lines, and the body is taken exactly as written.
//
//   #tool-input-begin
//   *** Begin Patch
//   *** Add File: hello.txt
//   +Hello
//   *** End Patch
//   #tool-input-end

/** The line that opens a freeform input in a user message. */
export const freeformInputBegin = '#tool-input-begin';

/** The line that closes it. */
export const freeformInputEnd = '#tool-input-end';

const markedInputPattern = new RegExp(
  `^${freeformInputBegin}[ \\t]*\\r?\\n([\\s\\S]*?)\\r?\\n${freeformInputEnd}[ \\t]*\\r?$`,
  'gm',
);

/** The last marked input in what the user side wrote, or undefined when there is none. */
export function readFreeformInput(userTranscript: string): string | undefined {
  return [...userTranscript.matchAll(markedInputPattern)].at(-1)?.[1];
}
