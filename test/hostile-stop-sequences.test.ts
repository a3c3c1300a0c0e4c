import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whileWatchingLiveness } from '../src/bench/watch-liveness.ts';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';

// Stop sequences are applied by the gateway, each searched for over the whole answer: their
// number and length are capped, and the longest list allowed against a long answer stalls nobody.

const longestSequence = 256;
// A run of one letter is the costliest text for a search whose sequences end in another letter:
// every position is a near miss.
const longAnswerBody = 'a'.repeat(512 * 1024);
const stopMarker = 'STOP-HERE';
const longAnswer = `${longAnswerBody}${stopMarker} and what the client asked not to get`;

/** `count` distinct sequences of up to the longest length, none of which occurs in the long answer. */
function nearMisses(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${'a'.repeat(longestSequence - 1 - index)}b`);
}

let stack: GatewayStack;

beforeAll(async () => {
  stack = await startGatewayStack();
  stack.simulator.setResponder(() => longAnswer);
});

afterAll(async () => {
  await stack.close();
});

function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${stack.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

function sendMessages(stopSequences: string[]) {
  return postJson(
    '/v1/messages',
    {
      model: 'claude-haiku-4-5',
      max_tokens: 1024,
      stop_sequences: stopSequences,
      messages: [{ role: 'user', content: 'Write a lot.' }],
    },
    { 'anthropic-version': '2023-06-01' },
  );
}

describe('hostile stop sequences', () => {
  it('answers 5,000 Anthropic stop sequences with a 400 naming the limit, at once, stalling nobody', async () => {
    const sequences = Array.from({ length: 5000 }, (_, index) => `stop ${index}`);
    const { result, elapsedMs, liveness } = await whileWatchingLiveness(stack.url, async () => {
      const response = await sendMessages(sequences);
      return { status: response.status, body: (await response.json()) as { error: { message: string } } };
    });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(result.body.error.message).toMatch(/^stop_sequences must have at most 32 items/);
    expect(elapsedMs).toBeLessThan(2000);
    expect(liveness.longestMs).toBeLessThan(500);
  });

  it('cuts a long answer correctly with the longest Anthropic list allowed, stalling nobody', async () => {
    const sequences = [...nearMisses(31), stopMarker];
    const { result, elapsedMs, liveness } = await whileWatchingLiveness(stack.url, async () => {
      const response = await sendMessages(sequences);
      return { status: response.status, body: (await response.json()) as { content: unknown } };
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: stopMarker });
    expect(result.body.content).toEqual([{ type: 'text', text: longAnswerBody }]);
    expect(elapsedMs).toBeLessThan(2000);
    expect(liveness.longestMs).toBeLessThan(500);
  });

  it('cuts a long answer correctly with the longest OpenAI list allowed, stalling nobody', async () => {
    const stop = [...nearMisses(3), stopMarker];
    const { result, elapsedMs, liveness } = await whileWatchingLiveness(stack.url, async () => {
      const response = await postJson('/v1/chat/completions', {
        model: 'gpt-4o',
        stop,
        messages: [{ role: 'user', content: 'Write a lot.' }],
      });
      return { status: response.status, body: (await response.json()) as { choices: unknown[] } };
    });
    expect(result.status).toBe(200);
    expect(result.body.choices[0]).toMatchObject({
      finish_reason: 'stop',
      message: { content: longAnswerBody },
    });
    expect(elapsedMs).toBeLessThan(2000);
    expect(liveness.longestMs).toBeLessThan(500);
  });
});
