import { afterAll, afterEach, beforeEach, expect } from 'vitest';
import { createLogCapture } from './log-capture.ts';
import { type SimulatorOptions, startSimulator } from './simulator.ts';
import { createSimulatorClient } from './simulator-client.ts';

/**
 * A simulator for one test file, with its client: closed after the file, reset before each test
 * (unless `reset: false`), and no test may leave a warning or error in its log.
 */
export async function startSimulatorUnderTest(options: SimulatorOptions & { reset?: boolean } = {}) {
  const { reset = true, ...simulatorOptions } = options;
  const capture = createLogCapture();
  const simulator = await startSimulator({ ...simulatorOptions, logger: capture.logger });
  const client = createSimulatorClient(simulator);
  afterAll(() => simulator.close());
  if (reset) beforeEach(() => simulator.reset());
  afterEach(() => expect(capture.problems()).toEqual([]));
  return { simulator, client, capture };
}
