import { describe, expect, it } from 'vitest';
import type { GatewayError } from '../../../core/errors.ts';
import { thrownGatewayError } from '../../shared/decode.fixtures.ts';
import { type DecodedTools, decodeTools } from './decode-tools.ts';
import { responsesRequestSchema } from './schema.ts';

const lookup = {
  type: 'function',
  name: 'lookup_order',
  description: 'Finds an order',
  parameters: { type: 'object', properties: { order_id: { type: 'string' } } },
  strict: true,
};
const ping = { type: 'function', name: 'ping' };
const pingEcho = { type: 'function', name: 'ping', description: null, parameters: null, strict: null };

function decode(fields: Record<string, unknown>): DecodedTools {
  return decodeTools(responsesRequestSchema.parse({ model: 'my-model', input: 'Hi', ...fields }));
}

function failure(fields: Record<string, unknown>): GatewayError {
  return thrownGatewayError(() => decode(fields));
}

describe('decodeTools', () => {
  it('decodes function tools, drops hosted tools with a report and keeps the wire form of the rest', () => {
    expect(
      decode({
        tools: [
          lookup,
          { type: 'web_search', search_context_size: 'medium' },
          ping,
          { type: 'code_interpreter', container: { type: 'auto' } },
        ],
      }),
    ).toEqual({
      tools: [
        {
          name: 'lookup_order',
          description: 'Finds an order',
          parameters: lookup.parameters,
        },
        { name: 'ping', parameters: { type: 'object', properties: {} } },
      ],
      toolChoice: { type: 'auto' },
      wireTools: [lookup, pingEcho],
      ignoredFields: ['tools.web_search', 'tools.code_interpreter'],
      // the hosted tool before it is dropped, yet the field still names the client's tools[2]
      toolParameterFields: ['tools[0].parameters', 'tools[2].parameters'],
    });
  });

  it.each([
    ['auto', { type: 'auto' }],
    ['none', { type: 'none' }],
    ['required', { type: 'required' }],
    ['any', { type: 'required' }],
    ['lookup_order', { type: 'tool', name: 'lookup_order' }],
    [
      { type: 'function', name: 'lookup_order' },
      { type: 'tool', name: 'lookup_order' },
    ],
  ])('decodes tool_choice %j', (choice, expected) => {
    expect(decode({ tools: [lookup], tool_choice: choice }).toolChoice).toEqual(expected);
  });

  it('narrows the tools to allowed_tools and keeps its mode', () => {
    const decoded = decode({
      tools: [lookup, ping],
      tool_choice: {
        type: 'allowed_tools',
        mode: 'required',
        tools: [ping, { type: 'web_search' }],
      },
    });
    expect(decoded.tools.map((tool) => tool.name)).toEqual(['ping']);
    expect(decoded.toolChoice).toEqual({ type: 'required' });
    expect(decoded.wireTools).toEqual([pingEcho]);
    expect(
      decode({ tools: [lookup, ping], tool_choice: { type: 'allowed_tools', mode: 'auto', tools: [ping] } }),
    ).toMatchObject({ toolChoice: { type: 'auto' }, tools: [{ name: 'ping' }] });
  });

  it.each([
    [{ type: 'web_search' }, 'tool_choice', 'tool_choice requires the hosted tool "web_search"'],
    [{ type: 'function', name: 'nope' }, 'tool_choice.name', 'names the tool "nope", which is not'],
    ['sometimes', 'tool_choice', 'tool_choice must be one of none, auto, required'],
    [
      { type: 'allowed_tools', mode: 'auto', tools: [{ type: 'function', name: 'nope' }] },
      'tool_choice.tools[0].name',
      'names the tool "nope"',
    ],
    [
      { type: 'allowed_tools', mode: 'required', tools: [{ type: 'web_search' }] },
      'tool_choice.mode',
      'requires a tool call, but the request declares no function tools',
    ],
  ])('refuses tool_choice %j', (choice, param, message) => {
    const error = failure({ tools: [lookup, { type: 'web_search' }], tool_choice: choice });
    expect(error.param).toBe(param);
    expect(error.message).toContain(message);
  });

  it('refuses required without function tools, repeated tool names and nameless tools', () => {
    expect(failure({ tools: [{ type: 'web_search' }], tool_choice: 'required' }).message).toBe(
      'tool_choice requires a tool call, but the request declares no function tools this gateway can offer; send tools or use "auto".',
    );
    expect(failure({ tools: [lookup, lookup] }).param).toBe('tools[1].name');
    expect(failure({ tools: [{ type: 'function', parameters: {} }] }).param).toBe('tools[0].name');
  });
});
