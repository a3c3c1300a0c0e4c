/** Sends one small OpenAI chat (or, with `stream`, a streamed one with usage) as the key. */
export function chatAs(url: string, key: string, stream = false): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi there' }],
      ...(stream && { stream: true, stream_options: { include_usage: true } }),
    }),
  });
}

/** Sends one small Anthropic message as the key. */
export function messageAs(url: string, key: string): Promise<Response> {
  return fetch(`${url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({
      model: 'claude-haiku-4-5',
      max_tokens: 8,
      messages: [{ role: 'user', content: 'hi' }],
    }),
  });
}

/** The tokens (input + output) an OpenAI chat answer told its client in `usage`. */
export async function chatTokens(response: Response): Promise<number> {
  const body = (await response.json()) as { usage: { prompt_tokens: number; completion_tokens: number } };
  return body.usage.prompt_tokens + body.usage.completion_tokens;
}

/** Seconds from now to the next UTC midnight (`months`: to the first of the next UTC month). */
export function secondsToNextReset(months = false): number {
  const now = new Date();
  const reset = months
    ? Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)
    : Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return (reset - now.getTime()) / 1000;
}

/** Lets the gateway count the request whose answer was just read (it counts once the answer has gone). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 100));
}
