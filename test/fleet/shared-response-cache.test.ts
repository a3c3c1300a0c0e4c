import { describe, expect, it } from 'vitest';
import { useGatewayPair } from '../support/gateway-pair.ts';

// Two gateways on one real Redis: an answer one of them got from Salesforce serves the other.

const pair = useGatewayPair({ RESPONSE_CACHE_SECONDS: '60' });

async function askThrough(url: string, content: string) {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] }),
  });
  const body = (await response.json()) as { choices: { message: { content: string } }[] };
  return { cache: response.headers.get('x-sfgw-cache'), text: body.choices[0]?.message.content };
}

describe('a response cache shared through Redis', () => {
  it("answers the second gateway's request with the first one's answer", async () => {
    const [first, second] = pair.gateways;
    if (!first || !second) throw new Error('the pair has two gateways');
    const asked = await askThrough(first.url, 'Shared across the fleet?');
    expect(asked.cache).toBe('miss');
    // The answer is kept without making its client wait; once the first gateway (which keeps
    // nothing in memory with Redis) reads it back, it is in Redis.
    const deadline = Date.now() + 2_000;
    while ((await askThrough(first.url, 'Shared across the fleet?')).cache !== 'hit') {
      if (Date.now() > deadline) throw new Error('the answer never reached Redis');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await askThrough(second.url, 'Shared across the fleet?')).toEqual({
      cache: 'hit',
      text: asked.text,
    });
    expect(second.simulator.counters().chatGenerations).toBe(1);
  });
});
