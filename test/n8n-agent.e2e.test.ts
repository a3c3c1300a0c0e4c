import { expect, it } from 'vitest';
import { describeEachSurface } from './support/each-surface.ts';

// The body n8n's AI Agent (OpenAI Chat Model node) sends on its second turn: tools forced to
// strict:false, parameters produced by $fromAI() with $schema and additionalProperties, and the
// assistant's tool-call turn replayed with content [].
const n8nBody = {
  model: 'gpt-4o-mini',
  temperature: 0.7,
  stream: false,
  messages: [
    { role: 'system', content: 'You are a helpful assistant' },
    { role: 'user', content: 'Create a ticket titled Printer broken' },
    {
      role: 'assistant',
      content: [],
      tool_calls: [
        {
          id: 'call_n8n_1',
          type: 'function',
          function: { name: 'Create_ticket', arguments: '{"title":"Printer broken"}' },
        },
      ],
    },
    { role: 'tool', tool_call_id: 'call_n8n_1', content: '{"ticketId": 4711, "status": "open"}' },
  ],
  tools: [
    {
      type: 'function',
      function: {
        name: 'Create_ticket',
        description: 'Creates a ticket',
        strict: false,
        parameters: {
          $schema: 'http://json-schema.org/draft-07/schema#',
          type: 'object',
          properties: { title: { type: 'string', description: 'Short title' } },
          required: ['title'],
          additionalProperties: false,
        },
      },
    },
  ],
};

describeEachSurface(
  'a request shaped like n8n AI Agent sends',
  (suite) => {
    it('is accepted and answered from the tool result', async () => {
      const response = await fetch(`${suite.stack.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer n8n-key' },
        body: JSON.stringify(n8nBody),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        choices: Array<{ finish_reason: string; message: { content: string; tool_calls?: unknown[] } }>;
      };
      expect(body.choices[0]?.finish_reason).toBe('stop');
      expect(body.choices[0]?.message.content).toContain('4711');
    });

    it('streams the first turn as tool_calls deltas', async () => {
      const response = await fetch(`${suite.stack.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...n8nBody, stream: true, messages: n8nBody.messages.slice(0, 2) }),
      });
      const text = await response.text();
      const chunks = text
        .split('\n')
        .filter((line) => line.startsWith('data: {'))
        .map((line) => JSON.parse(line.slice('data: '.length)));
      const toolDeltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
      expect(toolDeltas[0]).toMatchObject({
        index: 0,
        type: 'function',
        function: { name: 'Create_ticket' },
      });
      expect(toolDeltas[0].id).toMatch(/^call_/);
      const argumentsText = toolDeltas
        .map((delta: { function?: { arguments?: string } }) => delta.function?.arguments ?? '')
        .join('');
      expect(JSON.parse(argumentsText)).toEqual({ title: expect.any(String) });
      expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
      expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    });
  },
  { resetBeforeEach: false },
);
