import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { AdminUsageRow } from '../../src/server/admin/admin-usage-route.ts';
import { useGatewayPair, waitFor, waitForRedisDown } from '../support/gateway-pair.ts';
import type { GatewayStack } from '../support/gateway-stack.ts';

const today = new Date().toISOString().slice(0, 10);
const model = 'gpt-4o-mini';

async function usageRows(url: string): Promise<AdminUsageRow[]> {
  const response = await fetch(`${url}/admin/usage`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { rows: AdminUsageRow[] }).rows;
}

/** The client's own view of one chat: the tokens its answer reported. */
async function chat(url: string): Promise<{ input: number; output: number }> {
  const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'unused', maxRetries: 0 });
  const answer = await client.chat.completions.create({
    model,
    messages: [{ role: 'user', content: 'hi there' }],
  });
  return { input: answer.usage?.prompt_tokens ?? -1, output: answer.usage?.completion_tokens ?? -1 };
}

function total(answers: { input: number; output: number }[]) {
  return {
    requests: answers.length,
    input_tokens: answers.reduce((sum, answer) => sum + answer.input, 0),
    output_tokens: answers.reduce((sum, answer) => sum + answer.output, 0),
  };
}

function summaryOf(rows: AdminUsageRow[]) {
  return rows.map((row) => ({
    key: row.key,
    model: row.model,
    day: row.day,
    requests: row.requests,
    input_tokens: row.input_tokens,
    output_tokens: row.output_tokens,
  }));
}

describe('usage totals shared through Redis', () => {
  const pair = useGatewayPair();

  it('shows one total on both instances for requests served by either', async () => {
    const [first, second] = pair.gateways as [GatewayStack, GatewayStack];
    const answers = [await chat(first.url), await chat(second.url), await chat(second.url)];
    const expected = [{ key: null, model, day: today, ...total(answers) }];
    for (const gateway of pair.gateways) {
      await waitFor(
        async () => JSON.stringify(summaryOf(await usageRows(gateway.url))) === JSON.stringify(expected),
        5_000,
      );
    }
    // a few more flushes later, nothing has been added twice
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(summaryOf(await usageRows(first.url))).toEqual(expected);
    expect(summaryOf(await usageRows(second.url))).toEqual(expected);
  });
});

describe('usage totals while Redis is down', () => {
  const pair = useGatewayPair({}, true);

  it('keeps counting on the instance, and merges into Redis once, when Redis is back', async () => {
    const [first, second] = pair.gateways as [GatewayStack, GatewayStack];
    await pair.ownRedis?.stop();
    await waitForRedisDown(first.url);
    const whileDown = [await chat(first.url), await chat(first.url)];
    // the instance answers for what it served itself meanwhile
    expect(summaryOf(await usageRows(first.url))).toEqual([
      { key: null, model, day: today, ...total(whileDown) },
    ]);

    await pair.ownRedis?.start();
    const afterwards = [...whileDown, await chat(first.url)];
    const expected = [{ key: null, model, day: today, ...total(afterwards) }];
    // the second instance served none of them: it sees them through Redis only
    await waitFor(
      async () => JSON.stringify(summaryOf(await usageRows(second.url))) === JSON.stringify(expected),
      8_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(summaryOf(await usageRows(second.url))).toEqual(expected);
    expect(summaryOf(await usageRows(first.url))).toEqual(expected);
  }, 20_000);
});
