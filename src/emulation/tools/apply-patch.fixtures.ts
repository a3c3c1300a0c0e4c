import type { ToolDefinition } from '../../core/model.ts';

// Patch bodies in Codex's apply_patch format, chosen to hold everything that breaks naive
// envelopes: quotes, backslashes, braces, JSON, tags (the envelope's own among them), code
// fences, trailing whitespace, CRLF and a closing tag standing alone on a line of the input.

/** The lark grammar line Codex starts its apply_patch grammar with (shortened). */
export const applyPatchGrammar =
  'start: begin_patch hunk+ end_patch\nbegin_patch: "*** Begin Patch" LF\nend_patch: "*** End Patch" LF?';

/** apply_patch as Codex offers it: a freeform tool with a lark grammar. */
export const applyPatchTool: ToolDefinition = {
  name: 'apply_patch',
  description: 'Use the `apply_patch` tool to edit files.',
  parameters: {},
  freeform: { type: 'grammar', syntax: 'lark', definition: applyPatchGrammar },
};

/** Real-looking patches, by what makes each hard to carry. */
export const applyPatchBodies: Record<string, string> = {
  'a new file with quotes, backslashes and braces': [
    '*** Begin Patch',
    '*** Add File: src/greet.js',
    '+export function greet(name) {',
    '+  const re = /\\d+\\s*"[^"]*"/g;',
    '+  return "He said \\"hi\\" to " + name + " {} \\\\ \'ok\' \\n";',
    '+}',
    '*** End Patch',
  ].join('\n'),
  'an update with @@ hunks, - and + lines and trailing whitespace': [
    '*** Begin Patch',
    '*** Update File: README.md',
    '@@ ## Usage',
    '-Run `npm start`   ',
    '+Run `npm run start -- --port 8080`\t',
    ' ',
    '@@ def main():',
    '-    print("a\\tb")',
    '+    print(f"{a!r}\\\\{b}")',
    '*** End Patch',
    '',
  ].join('\n'),
  'a file that holds JSON and the envelope tags': [
    '*** Begin Patch',
    '*** Add File: docs/tool-calling.md',
    '+<tool_calls>',
    '+[{"name": "get_weather", "arguments": {"city": "Paris"}}]',
    '+</tool_calls>',
    '+<tool_input name="apply_patch"> inline </tool_input>',
    '+```json',
    '+{"name": "apply_patch", "arguments": {"input": "x"}}',
    '+```',
    '*** End Patch',
  ].join('\n'),
  'a closing tag alone on a line of the input': [
    '*** Begin Patch',
    '*** Add File: notes.txt',
    '</tool_input>',
    '+after the tag',
    '*** End Patch',
  ].join('\n'),
  'CRLF line endings': '*** Begin Patch\r\n*** Add File: win.txt\r\n+line one\r\n*** End Patch',
  'one line without any line break': '*** Begin Patch *** End Patch',
  'an empty input': '',
};
