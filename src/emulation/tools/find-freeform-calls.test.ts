import { describe, expect, it } from 'vitest';
import { applyPatchBodies } from './apply-patch.fixtures.ts';
import { renderFreeformCall } from './envelope.ts';
import { findFreeformCalls } from './find-freeform-calls.ts';

describe('findFreeformCalls', () => {
  it.each(Object.entries(applyPatchBodies))('carries %s byte for byte', (_title, input) => {
    const text = `I will edit the file.\n\n${renderFreeformCall({ name: 'apply_patch', id: 'call_7', input })}\n`;
    const blocks = findFreeformCalls(text);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ name: 'apply_patch', id: 'call_7', input });
    expect(text.slice(blocks[0]?.start, blocks[0]?.end)).toBe(
      renderFreeformCall({ name: 'apply_patch', id: 'call_7', input }),
    );
  });

  it('reads two calls in a row, each with its own input', () => {
    const first = applyPatchBodies['a closing tag alone on a line of the input'] ?? '';
    const second = applyPatchBodies['a new file with quotes, backslashes and braces'] ?? '';
    const text = `${renderFreeformCall({ name: 'apply_patch', input: first })}\n\nThen:\n${renderFreeformCall({ name: 'apply_patch', input: second })}`;
    expect(findFreeformCalls(text).map((block) => block.input)).toEqual([first, second]);
  });

  it('runs a block never closed to the end of the text', () => {
    const blocks = findFreeformCalls('<tool_input name="apply_patch">\n*** Begin Patch\n*** End Patch\n');
    expect(blocks).toMatchObject([
      { name: 'apply_patch', id: undefined, input: '*** Begin Patch\n*** End Patch' },
    ]);
  });

  it('ignores the tag when it does not open a line of its own', () => {
    expect(findFreeformCalls('Write a <tool_input name="apply_patch"> block.\nok\n</tool_input>')).toEqual(
      [],
    );
  });
});
