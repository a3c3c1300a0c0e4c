import { modelsApiHeaders } from '../simulator/simulator-client.ts';

const benchPrompt = 'Reply with one short sentence about load testing.';

/** Options of a request sent through the gateway. */
export interface GatewaySenderOptions {
  model: string;
  stream: boolean;
  apiKey?: string;
}

/** Sends one small chat completion to the gateway and reads the whole answer; throws on failure. */
export function createGatewaySender(url: string, options: GatewaySenderOptions): () => Promise<void> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.apiKey !== undefined) headers.authorization = `Bearer ${options.apiKey}`;
  const body = JSON.stringify({
    model: options.model,
    messages: [{ role: 'user', content: benchPrompt }],
    max_tokens: 64,
    stream: options.stream,
  });
  return async () => {
    const response = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers, body });
    const text = await response.text();
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
    if (options.stream && !text.includes('data: [DONE]')) throw new Error('the stream ended without [DONE]');
  };
}

/** Sends the same chat straight to a Models API chat-generations endpoint (no gateway). */
export function createDirectSender(apiBaseUrl: string, token: string, upstreamModel: string) {
  const url = `${apiBaseUrl}/models/${encodeURIComponent(upstreamModel)}/chat-generations`;
  const headers = { ...modelsApiHeaders, authorization: `Bearer ${token}` };
  const body = JSON.stringify({ messages: [{ role: 'user', content: benchPrompt }] });
  return async (): Promise<void> => {
    const response = await fetch(url, { method: 'POST', headers, body });
    const text = await response.text();
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
  };
}
