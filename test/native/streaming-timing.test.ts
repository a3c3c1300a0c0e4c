import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from '../support/gateway-stack.ts';
import { parsePrometheusText } from '../support/parse-prometheus-text.ts';
import { postJson, type ReadStream, readSse } from './read-sse.ts';

// The native surface streams for real: each upstream delta reaches the client as it is made,
// rather than the whole answer arriving at once and being cut up by the gateway.

let stack: GatewayStack;
beforeAll(async () => {
  stack = await startGatewayStack({ settings: { UPSTREAM_API: 'native' } });
  stack.simulator.setNativeSettings({ deltaDelayMs: 50 });
});
afterAll(async () => {
  await stack?.close();
});

// 16 words: 16 text deltas, so at least 750 ms between the first and the last at 50 ms apiece.
const answer = 'The quick brown fox jumps over the lazy dog while the cat watches from the fence.';

interface Protocol {
  route: string;
  body: Record<string, unknown>;
  /** The text a delta event carries, or undefined for other events. */
  deltaText: (event: { event: string | undefined; json: Record<string, unknown> }) => string | undefined;
}

const protocols: Record<string, Protocol> = {
  'OpenAI chat (Gemini on /chat/generations/stream)': {
    route: '/v1/chat/completions',
    body: { model: 'gemini-2.5-pro', stream: true, messages: [{ role: 'user', content: 'tell me' }] },
    deltaText: ({ json }) => {
      const choices = json.choices as Array<{ delta?: { content?: string } }> | undefined;
      const content = choices?.[0]?.delta?.content;
      return content ? content : undefined;
    },
  },
  'Responses (GPT on /responses)': {
    route: '/v1/responses',
    body: { model: 'gpt-5.4', stream: true, input: 'tell me' },
    deltaText: ({ json }) => (json.type === 'response.output_text.delta' ? String(json.delta) : undefined),
  },
  'Anthropic messages (Claude on the Bedrock stream)': {
    route: '/v1/messages',
    body: {
      model: 'claude-sonnet-4-6',
      max_tokens: 200,
      stream: true,
      messages: [{ role: 'user', content: 'tell me' }],
    },
    deltaText: ({ json }) => {
      const delta = json.delta as { type?: string; text?: string } | undefined;
      return json.type === 'content_block_delta' && delta?.type === 'text_delta' ? delta.text : undefined;
    },
  },
};

interface Measured {
  sentAtMs: number;
  read: ReadStream;
  deltas: Array<{ text: string; atMs: number }>;
}

async function measure(protocol: Protocol): Promise<Measured> {
  const sentAtMs = performance.now();
  const response = await postJson(`${stack.url}${protocol.route}`, protocol.body);
  expect(response.status).toBe(200);
  const read = await readSse(response, 8_000);
  const deltas = read.events.flatMap((event) => {
    if (!event.data.startsWith('{')) return [];
    const text = protocol.deltaText({ event: event.event, json: JSON.parse(event.data) });
    return text === undefined ? [] : [{ text, atMs: event.atMs }];
  });
  return { sentAtMs, read, deltas };
}

async function scrape() {
  const response = await fetch(`${stack.url}/metrics`, { signal: AbortSignal.timeout(2_000) });
  return parsePrometheusText(await response.text());
}

describe('native streams reach the client as they are made', () => {
  it('spreads the deltas over the answer on all three protocols, and records an early first token', async () => {
    const entries = Object.entries(protocols);
    stack.simulator.enqueueReplies(...entries.map(() => answer));
    const results = await Promise.all(entries.map(([, protocol]) => measure(protocol)));

    for (const [index, [name, protocol]] of entries.entries()) {
      const { read, deltas, sentAtMs } = results[index] as Measured;
      expect(read.ended, name).toBe(true);
      expect(deltas.map((delta) => delta.text).join(''), name).toBe(answer);
      expect(deltas.length, name).toBeGreaterThanOrEqual(10);
      const first = deltas[0]?.atMs ?? 0;
      const last = deltas.at(-1)?.atMs ?? 0;
      expect(last - first, `${name}: first delta to last`).toBeGreaterThanOrEqual(200);
      // the deltas arrived one by one, not all in the final read
      expect(new Set(deltas.map((delta) => delta.atMs)).size, name).toBeGreaterThan(deltas.length / 2);

      // the first-token metric saw the early first frame, not the end of the answer
      let metrics = await scrape();
      for (
        let tries = 0;
        tries < 20 &&
        metrics.value('sfgw_http_request_duration_seconds_count', { route: protocol.route }) < 1;
        tries++
      ) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        metrics = await scrape();
      }
      const labels = { route: protocol.route };
      expect(metrics.value('sfgw_stream_time_to_first_token_seconds_count', labels), name).toBe(1);
      const firstTokenSeconds = metrics.value('sfgw_stream_time_to_first_token_seconds_sum', labels);
      const durationSeconds = metrics.value('sfgw_http_request_duration_seconds_sum', labels);
      expect(durationSeconds, name).toBeGreaterThan(0.7);
      expect(firstTokenSeconds, name).toBeGreaterThan(0);
      expect(firstTokenSeconds, `${name}: first token vs whole stream`).toBeLessThan(durationSeconds - 0.4);
      // and no later than the client saw its first delta (plus scheduling slack)
      expect(firstTokenSeconds * 1000, name).toBeLessThanOrEqual(first - sentAtMs + 50);
    }
  });
});
