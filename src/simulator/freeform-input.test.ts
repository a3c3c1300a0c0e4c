import { describe, expect, it } from 'vitest';
import { applyPatchBodies } from '../emulation/tools/apply-patch.fixtures.ts';
import { readFreeformInput } from './freeform-input.ts';

describe('readFreeformInput', () => {
  it.each(Object.entries(applyPatchBodies).filter(([, body]) => body !== ''))(
    'takes %s exactly as written between the marker lines',
    (_title, body) => {
      expect(readFreeformInput(`Use apply_patch.\n#tool-input-begin\n${body}\n#tool-input-end\nThanks`)).toBe(
        body,
      );
    },
  );

  it('takes the last marked input of the transcript', () => {
    const transcript =
      '#tool-input-begin\nfirst\n#tool-input-end\nlater:\n#tool-input-begin\nsecond\n#tool-input-end';
    expect(readFreeformInput(transcript)).toBe('second');
  });

  it('finds nothing without both marker lines', () => {
    expect(readFreeformInput('#tool-input-begin\nno end')).toBeUndefined();
  });
});
