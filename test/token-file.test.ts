import { chmod, mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';
import { postChat } from './support/post-chat.ts';

let stack: GatewayStack | undefined;

async function waitFor<T>(attempt: () => Promise<T>, timeoutMs = 2_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe('the persisted token', () => {
  it('is written with mode 0600 and reused by a restarted gateway without a new token request', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'sfgw-token-'));
    const tokenFile = path.join(folder, 'nested', 'token.json');
    stack = await startGatewayStack({ settings: { TOKEN_CACHE_FILE: tokenFile } });
    await stack.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'a' }],
    });
    expect(stack.simulator.counters().tokenRequests).toBe(1);
    // the token is saved in the background once fetched; give the write a moment
    const info = await waitFor(() => stat(tokenFile));
    expect(info.mode & 0o777).toBe(0o600);

    await stack.server.close();
    const restarted = await stack.restart();
    const response = await fetch(`${restarted.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'b' }] }),
    });
    expect(response.status).toBe(200);
    expect(stack.simulator.counters().tokenRequests).toBe(1);
    expect(stack.simulator.counters().chatGenerations).toBe(2);
  });

  it('is made owner-only when the gateway finds it readable by others', async () => {
    const tokenFile = path.join(await mkdtemp(path.join(tmpdir(), 'sfgw-token-')), 'token.json');
    stack = await startGatewayStack({ settings: { TOKEN_CACHE_FILE: tokenFile } });
    expect((await postChat(stack.url, 'openai')).status).toBe(200);
    await waitFor(() => stat(tokenFile));
    await stack.server.close();
    await chmod(tokenFile, 0o644);

    const restarted = await stack.restart();
    expect((await postChat(restarted.url, 'openai')).status).toBe(200);
    // the restarted gateway only read the file: no new token was written over it
    expect(stack.simulator.counters().tokenRequests).toBe(1);
    expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
  });
});
