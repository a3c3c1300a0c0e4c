import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleRequestDetail, ConsoleRequestList } from '../src/server/console/console-api-types.ts';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';
import { postChat } from './support/post-chat.ts';
import { sendRawRequest } from './support/send-raw-request.ts';

let stack: GatewayStack;
beforeAll(async () => {
  stack = await startGatewayStack();
});
afterAll(async () => {
  await stack?.close();
});

describe('the console API without API keys, on loopback', () => {
  it('is open, and the session names no key', async () => {
    const response = await fetch(`${stack.url}/ui/api/session`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ key: null, admin: true });
  });

  it('keeps no body unless CONSOLE_CAPTURE_BODIES is on', async () => {
    const chat = await postChat(stack.url, 'openai');
    expect(chat.status).toBe(200);
    const list = (await (await fetch(`${stack.url}/ui/api/requests`)).json()) as ConsoleRequestList;
    expect(list.capturingBodies).toBe(false);
    const [row] = list.rows;
    expect(row).toMatchObject({ key: null, protocol: 'openai', status: 200 });
    const detail = (await (
      await fetch(`${stack.url}/ui/api/requests/${row?.id}`)
    ).json()) as ConsoleRequestDetail;
    expect(detail).toMatchObject({ requestBody: null, responseBody: null, truncated: false });
  });

  it('still checks the Host header for the console', async () => {
    for (const path of ['/ui', '/ui/api/session']) {
      const response = await sendRawRequest(stack.url, {
        method: 'GET',
        path,
        headers: { host: 'evil.example' },
      });
      expect(response.status, path).toBe(403);
      expect(response.text).toContain('host_not_allowed');
    }
  });
});
