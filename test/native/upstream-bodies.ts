import { expect } from 'vitest';
import type { NativeRoute, Simulator } from '../../src/simulator/simulator.ts';

/** The JSON bodies the simulator received on a native route, oldest first. */
export function upstreamBodies(simulator: Simulator, route: NativeRoute): Array<Record<string, unknown>> {
  return simulator.requests(route).map((request) => request.body as Record<string, unknown>);
}

/** The last body received on a native route; fails the test when there is none. */
export function lastUpstreamBody(simulator: Simulator, route: NativeRoute): Record<string, unknown> {
  const body = upstreamBodies(simulator, route).at(-1);
  expect(body, `a request on ${route}`).toBeDefined();
  return body as Record<string, unknown>;
}

// The markers of the Models API's tool emulation (src/emulation/tools/envelope.ts): a native
// request must carry the tools and results as fields, never as prompt text.
const emulationMarkers = ['<tools>', '</tools>', '<tool_calls>', '<tool_results>', 'Tool use for this reply'];

/** Fails when a recorded upstream body holds the tool-emulation prompt. */
export function expectNoEmulationPrompt(body: unknown): void {
  const text = JSON.stringify(body);
  for (const marker of emulationMarkers) expect(text, `emulation marker ${marker}`).not.toContain(marker);
}
