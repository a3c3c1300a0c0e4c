import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whileWatchingLiveness } from '../src/bench/watch-liveness.ts';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';

// Every chat prompt is counted in tokens before it goes upstream. Byte-pair encoding costs time
// quadratic in the length of one word, so a prompt of one long run ('aaaa…') once took minutes of
// the event loop. Counting is now linear, gives other requests a turn every few milliseconds, and
// stops once past PROMPT_TOKEN_LIMIT.

let stack: GatewayStack;
beforeAll(async () => {
  stack = await startGatewayStack();
});
afterAll(async () => {
  await stack.close();
});

function randomPrintable(length: number): string {
  let text = '';
  for (let index = 0; index < length; index++) text += String.fromCharCode(33 + ((index * 7919) % 94));
  return text;
}

async function chat(content: string): Promise<{ status: number; message: string }> {
  const response = await fetch(`${stack.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] }),
  });
  const body = (await response.json()) as { error?: { message: string } };
  return { status: response.status, message: body.error?.message ?? '' };
}

describe('hostile prompts', () => {
  it.each([
    ['one 5 MB run of a single letter', 'a'.repeat(5_000_000)],
    // spaces pack 128 to a token: 9 MB is about 70,000 tokens
    ['9 MB of spaces', ' '.repeat(9_000_000)],
    ['5 MB of printable characters without spaces', randomPrintable(5_000_000)],
  ])('answers %s with "prompt is too long" quickly, and stalls nobody', async (_title, content) => {
    const run = await whileWatchingLiveness(stack.url, () => chat(content));
    expect(run.liveness.polls).toBeGreaterThan(0);
    expect(run.liveness.longestMs).toBeLessThan(500);
    expect(run.elapsedMs).toBeLessThan(2_000);
    expect(run.result.status).toBe(400);
    expect(run.result.message).toMatch(/^prompt is too long: \d+ tokens > 65536 maximum/);
  });
});
