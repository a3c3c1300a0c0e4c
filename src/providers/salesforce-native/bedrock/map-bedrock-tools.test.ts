import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../core/errors.ts';
import { buildBedrockRequest } from './build-bedrock-request.ts';
import { dropThinking, lookupTool, request } from './chat-request.fixtures.ts';

describe('mapBedrockTools', () => {
  it('maps tools to name, description and input_schema with tool_choice auto', () => {
    const built = buildBedrockRequest(request({ tools: [lookupTool] }), dropThinking);
    expect(built.body.tools).toEqual([
      {
        name: 'lookup_circuit',
        description: 'Find the breaker circuit of a unit',
        input_schema: lookupTool.parameters,
      },
    ]);
    expect(built.body.tool_choice).toEqual({ type: 'auto' });
  });

  it.each([
    [{ type: 'required' } as const, { type: 'any', disable_parallel_tool_use: true }],
    [
      { type: 'tool', name: 'lookup_circuit' } as const,
      { type: 'tool', name: 'lookup_circuit', disable_parallel_tool_use: true },
    ],
    [{ type: 'auto' } as const, { type: 'auto', disable_parallel_tool_use: true }],
    [{ type: 'none' } as const, { type: 'none' }],
  ])('maps tool choice %j without parallel calls to %j', (toolChoice, expected) => {
    const built = buildBedrockRequest(
      request({ tools: [lookupTool], toolChoice, parallelToolCalls: false }),
      dropThinking,
    );
    expect(built.body.tool_choice).toEqual(expected);
  });

  it('sends no tool fields when there are no tools', () => {
    const built = buildBedrockRequest(request({ toolChoice: { type: 'required' } }), dropThinking);
    expect(built.body).not.toHaveProperty('tools');
    expect(built.body).not.toHaveProperty('tool_choice');
  });

  it('throws an internal error on a freeform tool or a freeform call: the provider routes those elsewhere', () => {
    const freeform = { name: 'apply_patch', parameters: {}, freeform: { type: 'text' } as const };
    expect(() => buildBedrockRequest(request({ tools: [freeform] }), dropThinking)).toThrow(
      expect.objectContaining({ kind: 'internal' }),
    );
    const freeformCall = request({
      messages: [
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', id: 't1', name: 'apply_patch', arguments: '*** Begin', freeform: true },
          ],
        },
      ],
    });
    expect(() => buildBedrockRequest(freeformCall, dropThinking)).toThrow(GatewayError);
  });
});
