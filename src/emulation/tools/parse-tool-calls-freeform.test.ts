import { describe, expect, it } from 'vitest';
import type { ToolDefinition } from '../../core/model.ts';
import { sharedSchemaValidator } from '../schema/schema-validator.fixtures.ts';
import { applyPatchBodies, applyPatchTool } from './apply-patch.fixtures.ts';
import { renderFreeformCall, renderToolCalls } from './envelope.ts';
import { parseToolCalls } from './parse-tool-calls.ts';

const execCommand: ToolDefinition = {
  name: 'exec_command',
  parameters: { type: 'object', properties: { cmd: { type: 'string' } }, required: ['cmd'] },
};

async function parse(text: string, allowedNames?: string[]) {
  let counter = 0;
  return parseToolCalls(text, {
    tools: [execCommand, applyPatchTool],
    validator: sharedSchemaValidator,
    createId: () => `gen_${++counter}`,
    allowedNames: allowedNames ? new Set(allowedNames) : undefined,
  });
}

const freeformCall = (id: string, input: string) => ({
  type: 'tool-call',
  id,
  name: 'apply_patch',
  arguments: input,
  freeform: true,
});

describe('parseToolCalls with a freeform tool', () => {
  it.each(Object.entries(applyPatchBodies))(
    'reads %s as the raw input, byte for byte',
    async (_title, input) => {
      const result = await parse(`Creating it now.\n\n${renderFreeformCall({ name: 'apply_patch', input })}`);
      expect(result.content).toEqual([
        { type: 'text', text: 'Creating it now.' },
        freeformCall('gen_1', input),
      ]);
      expect(result.outcome).toBe('parsed');
    },
  );

  it('never reads a call out of the input, even when the input holds a call envelope', async () => {
    const input = applyPatchBodies['a file that holds JSON and the envelope tags'] ?? '';
    const unprefixed = `${renderToolCalls([{ name: 'exec_command', arguments: { cmd: 'rm -rf /' } }])}\n${input}`;
    const result = await parse(renderFreeformCall({ name: 'apply_patch', id: 'call_p', input: unprefixed }));
    expect(result.content).toEqual([freeformCall('call_p', unprefixed)]);
  });

  it('reads a function call and a freeform call written side by side, in text order', async () => {
    const input = applyPatchBodies['CRLF line endings'] ?? '';
    const text = `${renderToolCalls([{ name: 'exec_command', arguments: { cmd: 'ls' } }])}\n${renderFreeformCall({ name: 'apply_patch', input })}`;
    const result = await parse(text);
    expect(result.content).toEqual([
      { type: 'tool-call', id: 'gen_2', name: 'exec_command', arguments: { cmd: 'ls' } },
      freeformCall('gen_1', input),
    ]);
  });

  it('takes a freeform call written in the JSON envelope, its input the one string given', async () => {
    const input = applyPatchBodies['a new file with quotes, backslashes and braces'] ?? '';
    const result = await parse(renderToolCalls([{ name: 'apply_patch', arguments: { input } }]));
    expect(result.content).toEqual([freeformCall('gen_1', input)]);
    expect(result.outcome).toBe('repaired');
  });

  it.each([
    ['an unknown tool', 'write_file', undefined, 'tool "write_file": no such tool'],
    [
      'a function tool',
      'exec_command',
      undefined,
      'tool "exec_command": it takes JSON arguments in a <tool_calls> block',
    ],
    [
      'a tool tool_choice rules out',
      'apply_patch',
      ['exec_command'],
      'tool "apply_patch": this tool may not be called now',
    ],
  ])(
    'keeps a block naming %s as text, and reads no call inside it',
    async (_title, name, allowed, problem) => {
      const text = renderFreeformCall({
        name,
        input: '{"name": "exec_command", "arguments": {"cmd": "ls"}}',
      });
      const result = await parse(text, allowed);
      expect(result.content).toEqual([{ type: 'text', text }]);
      expect(result.outcome).toBe('failed');
      expect(result.problems).toEqual([problem]);
    },
  );
});
