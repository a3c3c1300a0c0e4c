import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminUsageRow } from '../src/server/admin/admin-usage-route.ts';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';

const upstreamModel = 'sfdc_ai__DefaultGPT4OmniMini';

describe('usage the upstream does not report, over real HTTP', () => {
  let stack: GatewayStack;

  beforeAll(async () => {
    stack = await startGatewayStack({ simulator: { usageStyles: { [upstreamModel]: 'none' } } });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('is counted by the gateway, told to the client, and flagged as estimated in /admin/usage', async () => {
    const answer = await stack.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Name three rivers of Europe, please.' }],
    });
    const inputTokens = answer.usage?.prompt_tokens ?? 0;
    const outputTokens = answer.usage?.completion_tokens ?? 0;
    expect(inputTokens).toBeGreaterThan(0);
    expect(outputTokens).toBeGreaterThan(0);

    // the ledger writes in batches off the request path
    let rows: AdminUsageRow[] = [];
    await expect
      .poll(async () => {
        const response = await fetch(`${stack.url}/admin/usage`);
        rows = ((await response.json()) as { rows: AdminUsageRow[] }).rows;
        return rows.length;
      })
      .toBe(1);
    expect(rows[0]).toMatchObject({
      model: 'gpt-4o-mini',
      requests: 1,
      estimated: 1,
      input_tokens: inputTokens,
      output_tokens: outputTokens,
    });
  });

  it('is counted for a streamed answer too, from the streamed text', async () => {
    const stream = await stack.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Name three rivers of Asia, please.' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let outputTokens = 0;
    for await (const chunk of stream) outputTokens = chunk.usage?.completion_tokens ?? outputTokens;
    expect(outputTokens).toBeGreaterThan(0);
    await expect
      .poll(async () => {
        const response = await fetch(`${stack.url}/admin/usage`);
        const { rows } = (await response.json()) as { rows: AdminUsageRow[] };
        return rows[0]?.estimated;
      })
      .toBe(2);
  });
});
