import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type GatewayStack, startGatewayStack } from '../support/gateway-stack.ts';

/** What a test file gets: the stack started for it (read it in tests and hooks, not at load). */
export interface NativeSuite {
  readonly stack: GatewayStack;
}

/** Starts a gateway + simulator with UPSTREAM_API=native before the calling file's tests, resets the
 * simulator before each test and closes the stack after them. Its tests retry on purpose, so
 * neither the retry budget nor the circuit breaker may step in. Call it at the top of a test file. */
export function useRetryingNativeStack(): NativeSuite {
  let running: GatewayStack | undefined;
  beforeAll(async () => {
    running = await startGatewayStack({
      settings: {
        UPSTREAM_API: 'native',
        UPSTREAM_RETRY_BUDGET_PER_SECOND: '1000',
        UPSTREAM_BREAKER_FAILURES: '1000',
      },
    });
  });
  afterAll(async () => {
    await running?.close();
  });
  beforeEach(() => {
    running?.simulator.reset();
  });
  return {
    get stack() {
      if (running === undefined) throw new Error('the native stack is not running yet');
      return running;
    },
  };
}
