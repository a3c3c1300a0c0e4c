import { modelsApiHeaders } from '../simulator/simulator-client.ts';
import type { TimedRequest } from './timed-load.ts';

/** The cases of the three-way bench. */
export type BenchCaseKind = 'chat' | 'stream' | 'tools';

/** One case: what is sent through the gateway, and at what concurrency. */
export interface BenchCase {
  name: string;
  kind: BenchCaseKind;
  concurrency: number;
  /** The gateway's UPSTREAM_API for the case (models when left out); direct sends what it sent upstream. */
  surface?: 'native';
}

/** Plain chat at c=1 and c=50, a streamed chat (simulated, then native) and a tool-calling chat. */
export const benchCases: readonly BenchCase[] = [
  { name: 'chat c=1', kind: 'chat', concurrency: 1 },
  { name: 'chat c=50', kind: 'chat', concurrency: 50 },
  { name: 'stream c=1', kind: 'stream', concurrency: 1 },
  { name: 'native stream c=1', kind: 'stream', concurrency: 1, surface: 'native' },
  { name: 'tools c=1', kind: 'tools', concurrency: 1 },
];

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'The current weather in a city.',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string', description: 'City name' } },
      required: ['city'],
    },
  },
};

/** The OpenAI-shaped request a case sends to the gateway's /v1/chat/completions. */
export function gatewayRequest(kind: BenchCaseKind, model: string): TimedRequest {
  const content =
    kind === 'tools'
      ? 'What is the weather in Paris? Call get_weather.'
      : 'Reply with one short sentence about load testing.';
  const body = {
    model,
    messages: [{ role: 'user', content }],
    max_tokens: 64,
    stream: kind === 'stream',
    ...(kind === 'tools' ? { tools: [weatherTool], tool_choice: 'required' } : {}),
  };
  return {
    path: '/v1/chat/completions',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    check: (text) => {
      if (kind === 'stream' && !text.includes('data: [DONE]')) return 'the stream ended without [DONE]';
      if (kind === 'tools' && !text.includes('"tool_calls"')) return 'the answer has no tool_calls';
      return undefined;
    },
  };
}

/** The upstream request the gateway sent for a case (Models API or native), as the upstream recorded it, with a valid token. */
export function upstreamRequest(recorded: { url: string; body: string }, token: string): TimedRequest {
  return {
    path: recorded.url,
    headers: { ...modelsApiHeaders, authorization: `Bearer ${token}` },
    body: recorded.body,
  };
}
