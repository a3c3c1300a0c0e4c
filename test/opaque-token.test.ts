import { afterEach, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';

// An External Client App without "Issue JSON Web Token (JWT)-based access tokens" hands out opaque
// session ids, which Salesforce's API gateway refuses with a bare 404 (or a 401): a setup mistake
// of the gateway's own credentials, never the client's model.

let stack: GatewayStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe('an app that issues opaque access tokens', () => {
  it.each([404, 401] as const)(
    'answers a %i to a fresh token as 502 upstream_auth_failed with the setup hint, after one refresh',
    async (nonJwtTokenStatus) => {
      stack = await startGatewayStack({ simulator: { issueJwtTokens: false, nonJwtTokenStatus } });
      const failure = await stack.openai.chat.completions
        .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
        .catch((error: unknown) => error);
      expect(failure).toMatchObject({ status: 502, code: 'upstream_auth_failed' });
      expect(String((failure as Error).message)).toContain('JWT-based access tokens');
      expect(String((failure as Error).message)).toContain('sfap_api');
      // one call with the first token, one with the refreshed one, then the answer
      expect(stack.simulator.counters()).toMatchObject({ tokenRequests: 2, unauthorized: 2 });
    },
  );

  it('still answers a missing model with 404 model_not_found', async () => {
    stack = await startGatewayStack();
    const failure = await stack.openai.chat.completions
      .create({ model: 'sfdc_ai__NoSuchModel', messages: [{ role: 'user', content: 'hi' }] })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 404, code: 'model_not_found' });
  });
});
