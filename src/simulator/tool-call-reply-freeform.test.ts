import { describe, expect, it } from 'vitest';
import type { ToolDefinition } from '../core/model.ts';
import { applyPatchBodies, applyPatchTool } from '../emulation/tools/apply-patch.fixtures.ts';
import { renderFreeformCall } from '../emulation/tools/envelope.ts';
import { buildToolInstructions } from '../emulation/tools/tool-prompt.ts';
import { readConversation } from './read-conversation.ts';
import { buildToolCallReply } from './tool-call-reply.ts';

const execCommand: ToolDefinition = {
  name: 'exec_command',
  parameters: { type: 'object', properties: { cmd: { type: 'string' } }, required: ['cmd'] },
};

function replyTo(userText: string, choice: Parameters<typeof buildToolInstructions>[1] = { type: 'auto' }) {
  const instructions = buildToolInstructions([execCommand, applyPatchTool], choice, false);
  return buildToolCallReply(
    readConversation('chat-generations', [
      { role: 'system', content: instructions },
      { role: 'user', content: userText },
    ]),
  );
}

describe('buildToolCallReply for a freeform tool', () => {
  it.each(Object.entries(applyPatchBodies).filter(([, body]) => body !== ''))(
    'calls it with %s when the user marks the input, whatever tool is listed first',
    (_title, body) => {
      expect(replyTo(`Create the file.\n#tool-input-begin\n${body}\n#tool-input-end`)).toBe(
        renderFreeformCall({ name: 'apply_patch', input: body }),
      );
    },
  );

  it('calls it with a placeholder input when tool_choice names it and no input is marked', () => {
    expect(replyTo('Go.', { type: 'tool', name: 'apply_patch' })).toBe(
      renderFreeformCall({ name: 'apply_patch', input: 'example input' }),
    );
  });

  it('still calls the function tool when no input is marked', () => {
    expect(replyTo('Run ls with exec_command.')).toContain('"name":"exec_command"');
  });
});
