/** The two client protocols a chat can be sent in. */
export type ChatProtocol = 'openai' | 'anthropic';

/** Sends a minimal chat (OpenAI chat completions or Anthropic messages) with fetch, with the API key
 * where that protocol's SDK puts it (Bearer, or x-api-key). */
export function postChat(url: string, protocol: ChatProtocol, apiKey?: string): Promise<Response> {
  if (protocol === 'openai') {
    return fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` }),
      },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    });
  }
  return fetch(`${url}/v1/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'anthropic-version': '2023-06-01',
      ...(apiKey === undefined ? {} : { 'x-api-key': apiKey }),
    },
    body: JSON.stringify({
      model: 'claude-haiku-4-5',
      max_tokens: 32,
      messages: [{ role: 'user', content: 'hi' }],
    }),
  });
}
