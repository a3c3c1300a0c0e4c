import { afterAll, beforeAll, beforeEach, describe, expect } from 'vitest';
import type { NativeRoute, RecordedRequest, Simulator } from '../../src/simulator/simulator.ts';
import { type GatewayStack, type StackOptions, startGatewayStack } from './gateway-stack.ts';

/** The two upstream surfaces UPSTREAM_API picks between; every official-client suite runs on both. */
export const upstreamSurfaces = ['models', 'native'] as const;
export type UpstreamSurface = (typeof upstreamSurfaces)[number];

/** What a suite body gets: its surface, and the stack started for it (read it in tests and hooks). */
export interface SurfaceSuite {
  surface: UpstreamSurface;
  readonly stack: GatewayStack;
}

/** Options of a per-surface suite: the stack's, plus whether to reset the simulator before each test. */
export interface SurfaceSuiteOptions extends StackOptions {
  /** Calls simulator.reset() before each test (default true). */
  resetBeforeEach?: boolean;
  /** Called once the stack of a surface is up, e.g. to build clients on its URL. */
  onStart?: (stack: GatewayStack, surface: UpstreamSurface) => void;
}

/** Declares `body` once per upstream surface, each against its own gateway + simulator stack
 * started with UPSTREAM_API set to that surface. */
export function describeEachSurface(
  title: string,
  body: (suite: SurfaceSuite) => void,
  options: SurfaceSuiteOptions = {},
): void {
  const { resetBeforeEach = true, onStart, ...stackOptions } = options;
  describe.each(upstreamSurfaces)(`${title} [UPSTREAM_API=%s]`, (surface) => {
    let running: GatewayStack | undefined;
    beforeAll(async () => {
      running = await startGatewayStack({
        ...stackOptions,
        settings: { ...stackOptions.settings, UPSTREAM_API: surface },
      });
      onStart?.(running, surface);
    });
    afterAll(async () => {
      await running?.close();
    });
    if (resetBeforeEach) beforeEach(() => running?.simulator.reset());
    body({
      surface,
      get stack() {
        if (running === undefined) throw new Error(`the ${surface} stack is not running yet`);
        return running;
      },
    });
  });
}

const nativeRoutes: NativeRoute[] = [
  'invoke',
  'invoke-with-response-stream',
  'responses',
  'chat/generations',
  'chat/generations/stream',
];

/** Every request the simulator received on the native surface, oldest first. */
export function nativeRequests(simulator: Simulator): RecordedRequest[] {
  return nativeRoutes
    .flatMap((route) => simulator.requests(route))
    .sort((left, right) => left.receivedAtMs - right.receivedAtMs);
}

/** How many chat calls reached the surface the suite runs on. */
export function upstreamChatCalls(simulator: Simulator, surface: UpstreamSurface): number {
  const counters = simulator.counters();
  return surface === 'models' ? counters.chatGenerations : counters.nativeRequests;
}

/** Asserts that the request carried the Salesforce app headers every upstream call needs. */
export function expectAppHeaders(request: RecordedRequest | undefined): void {
  expect(request?.headers).toMatchObject({
    'x-sfdc-app-context': 'EinsteinGPT',
    'x-client-feature-id': 'ai-platform-models-connected-app',
  });
}
