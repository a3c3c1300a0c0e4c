import { afterAll, describe, expect, it } from 'vitest';
import { startGatewayStack } from '../support/gateway-stack.ts';
import { captureLog } from '../support/log-capture.ts';

// The spec's 423 ServerBusyError is a transient busy signal: the gateway retries it like a 503, and
// when it outlasts the retries the client gets a 503 it can back off from. The upstream's
// x-request-id goes into the gateway's error log, so a Salesforce case can name the failed call.
const log = captureLog();
const stack = await startGatewayStack({ logDestination: log.destination });
afterAll(() => stack.close());

describe('a persistent 423 from the Models API', () => {
  it('reaches the client as 503 with Retry-After, and the error log names the upstream request id', async () => {
    const requestId = '51633d74-bdd1-42b0-9ea6-518eb9346d18';
    stack.simulator.injectFault({ endpoint: 'chat-generations', status: 423, requestId, count: 3 });
    const response = await fetch(`${stack.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-key' },
      body: JSON.stringify({
        model: 'sfdc_ai__DefaultGPT4OmniMini',
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(stack.simulator.counters()).toMatchObject({ chatGenerations: 3, faultsServed: 3 });
    // The failure is logged once, at warn (a 5xx from upstream, not a gateway bug), with the upstream's words.
    const failure = log.lines().find((line) => line.msg?.startsWith('Salesforce is unavailable (423)'));
    expect(failure).toMatchObject({
      level: 40,
      status: 503,
      detail: { upstreamStatus: 423, upstreamErrorCode: 'NOT_FOUND', upstreamRequestId: requestId },
    });
  });
});
