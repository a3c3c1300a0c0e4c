import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whileWatchingLiveness } from '../src/bench/watch-liveness.ts';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';

// Client JSON Schemas cost work that grows with what the client sent: compiling them, and
// validating the model's output against them. None of it may hold up other clients: while each
// hostile request runs, a second client polls /livez and never waits more than 500 ms, and the
// hostile request itself gets its answer (a 400 naming the limit, or a correct answer) within 2 s.

/** An answer's status and JSON body, read loosely: each test checks the fields it cares about. */
// biome-ignore lint/suspicious/noExplicitAny: the tests walk wire bodies whose shape is what they assert
type Answer = { status: number; body: any };

let stack: GatewayStack;
beforeAll(async () => {
  stack = await startGatewayStack();
});
afterAll(async () => {
  await stack.close();
});

const longestLivenessWaitMs = 500;
const longestAnswerMs = 2_000;

function patternedProperties(count: number, salt: string): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (let index = 0; index < count; index++) {
    properties[`${salt}_${index}`] = { type: 'string', pattern: `^[a-z]+${index}$` };
  }
  return { type: 'object', properties };
}

async function countTokens(inputSchema: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(`${stack.url}/v1/messages/count_tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({
      model: 'claude-haiku-4-5',
      messages: [{ role: 'user', content: 'hi' }],
      tools: [{ name: 'lookup', input_schema: inputSchema }],
    }),
  });
  return { status: response.status, body: await response.json() };
}

async function structuredChat(userText: string, schema: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(`${stack.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: userText }],
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema } },
    }),
  });
  return { status: response.status, body: await response.json() };
}

function expectHarmless(run: { elapsedMs: number; liveness: { longestMs: number; polls: number } }) {
  expect(run.liveness.polls).toBeGreaterThan(0);
  expect(run.liveness.longestMs).toBeLessThan(longestLivenessWaitMs);
  expect(run.elapsedMs).toBeLessThan(longestAnswerMs);
}

describe('hostile JSON Schemas', () => {
  it('refuses 3,000 patterned properties (about 150 KB) with a 400 naming the limit, at once', async () => {
    const run = await whileWatchingLiveness(stack.url, () => countTokens(patternedProperties(3_000, 'a')));
    expectHarmless(run);
    expect(run.result.status).toBe(400);
    expect(run.result.body.error.message).toMatch(
      /^tools\[0\]\.input_schema: .*over the limit of 65536 per schema/,
    );
  });

  it('compiles several large schemas at once, with distinct names, without a stall', async () => {
    // Distinct property names defeat any cache: each one is compiled afresh.
    const schemas = ['b', 'c', 'd'].map((salt) => patternedProperties(700, salt));
    expect(JSON.stringify(schemas[0]).length).toBeLessThan(65_536);
    const run = await whileWatchingLiveness(stack.url, () => Promise.all(schemas.map(countTokens)));
    expectHarmless(run);
    for (const answer of run.result) {
      expect(answer.status).toBe(200);
      expect(answer.body.input_tokens).toBeGreaterThan(1_000);
    }
  });

  it('takes a stream of distinct large schemas (a cache-defeating client) without a stall', async () => {
    // twelve 46 KB schemas, each new: every one is compiled, and the cache, bounded by characters,
    // lets the old ones go
    const run = await whileWatchingLiveness(stack.url, async () => {
      const slowestMs = { value: 0 };
      for (let round = 0; round < 12; round++) {
        const started = performance.now();
        const answer = await countTokens(patternedProperties(900, `stream${round}`));
        expect(answer.status).toBe(200);
        slowestMs.value = Math.max(slowestMs.value, performance.now() - started);
      }
      return slowestMs.value;
    });
    expect(run.liveness.longestMs).toBeLessThan(longestLivenessWaitMs);
    expect(run.result).toBeLessThan(longestAnswerMs);
  });

  it('refuses the schemas of one request past 256 KiB together, naming the limit', async () => {
    const tools = ['e', 'f', 'g', 'h', 'i'].map((salt) => ({
      name: `lookup_${salt}`,
      input_schema: patternedProperties(1_100, salt),
    }));
    const run = await whileWatchingLiveness(stack.url, async (): Promise<Answer> => {
      const response = await fetch(`${stack.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({
          model: 'claude-haiku-4-5',
          max_tokens: 16,
          messages: [{ role: 'user', content: 'hi' }],
          tools,
        }),
      });
      return { status: response.status, body: await response.json() };
    });
    expectHarmless(run);
    expect(run.result.status).toBe(400);
    expect(run.result.body.error.message).toMatch(
      /more than 262144 characters of JSON, the limit per request/,
    );
  });

  it('validates against a backtracking pattern in linear time and answers correctly', async () => {
    // The simulator writes v exactly as the user spelled it: 29 a's and a '!', which ^(a+)+$
    // rejects only after exponential backtracking in JavaScript's engine.
    const schema = {
      type: 'object',
      properties: { v: { type: 'string', pattern: '^(a+)+$' } },
      required: ['v'],
    };
    const run = await whileWatchingLiveness(stack.url, () =>
      structuredChat(`v="${'a'.repeat(29)}!"`, schema),
    );
    expectHarmless(run);
    expect(run.result.status).toBe(200);
    // the model's value breaks the pattern, so the gateway asked once for a correction and then
    // passed on what the model wrote, as it does for any non-strict schema the model misses
    expect(JSON.parse(run.result.body.choices[0].message.content)).toHaveProperty('v');
  });

  it('cuts off validation that would take exponential time (nested anyOf) and still answers', async () => {
    const definitions: Record<string, unknown> = { d24: { type: 'string', maxLength: 1 } };
    for (let level = 0; level < 24; level++) {
      const next = { $ref: `#/$defs/d${level + 1}` };
      definitions[`d${level}`] = { anyOf: [next, { ...next }] };
    }
    const schema = {
      $defs: definitions,
      type: 'object',
      properties: { v: { $ref: '#/$defs/d0' } },
      required: ['v'],
    };
    expect(JSON.stringify(schema).length).toBeLessThan(2_500);
    const run = await whileWatchingLiveness(stack.url, () => structuredChat('v="too long"', schema));
    expectHarmless(run);
    expect(run.result.status).toBe(200);
    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    expect(metrics).toMatch(/sfgw_schema_work_cut_off_total\{kind="validate"\} 1/);
    // from then on the schema is refused up front, naming the field
    const again = await structuredChat('v="x"', schema);
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({
      param: 'response_format.json_schema.schema',
      code: 'invalid_schema',
    });
    expect(again.body.error.message).toMatch(/validating a value against it took longer than 100 ms/);
  });
});
