import { describe, expect, it } from 'vitest';
import type { SimulatorCounters, SimulatorOptions } from '../../src/simulator/simulator.ts';
import { type ClientCall, clientCalls, describeCall, type Mode, sendCall } from './client-calls.ts';
import {
  type ExpectedFailure,
  expectAnswer,
  expectCleanBodies,
  expectCleanLog,
  expectFailure,
  expectHealthy,
  expectKeptAlive,
} from './expect-outcome.ts';
import { type FaultStack, startFaultStack } from './fault-stack.ts';
import { pollUntil } from './poll-until.ts';
import { readOutcome } from './read-outcome.ts';

/** One fault, what every kind of client must see under it, and how the gateway must look afterwards. */
export interface FaultScenario {
  name: string;
  /** Gateway settings on top of the fault-test defaults. */
  settings?: Record<string, string>;
  simulator?: SimulatorOptions;
  /** The modes the fault makes sense for; both by default. */
  modes?: Mode[];
  /** Builds a stack with the fault already in place, and how to take it away (instead of a fresh stack). */
  start?: () => Promise<{ stack: FaultStack; heal: () => Promise<void> }>;
  /** Breaks the upstream just before the request. */
  inject?: (stack: FaultStack, call: ClientCall) => void | Promise<void>;
  /** An answer despite the fault, or this failure. */
  expect: 'answer' | ExpectedFailure;
  /**
   * For streams: keep-alives commit the 200 before the outcome, so they must be seen, and a failure
   * must arrive as an in-stream error event.
   */
  streamStarted?: boolean;
  /** Further checks once the request is over, e.g. of the calls the simulator received. */
  verify?: (stack: FaultStack, call: ClientCall) => void | Promise<void>;
  /** Takes the fault away; by default queued faults and slow mode are cleared. */
  heal?: (stack: FaultStack) => void | Promise<void>;
}

/**
 * A verify step: the simulator's counters reach these values. Polled briefly, because a client can
 * have its answer before the simulator has seen the gateway's last connection close.
 */
export function expectCounters(expected: Partial<SimulatorCounters>) {
  return async (stack: FaultStack): Promise<void> => {
    const reached = () => {
      const counters = stack.simulator.counters();
      return Object.entries(expected).every(
        ([name, value]) => counters[name as keyof SimulatorCounters] === value,
      );
    };
    await pollUntil(reached, true);
    expect(stack.simulator.counters()).toMatchObject(expected);
  };
}

function clearFaults(stack: FaultStack): void {
  stack.simulator.clearFaults();
  stack.simulator.setSlowMode(0);
}

/**
 * Runs one scenario for one kind of client on a stack of its own, so that no breaker or token state
 * carries over: the faulted request, its wire format, no leaks, then recovery once the fault is gone.
 */
async function runFaultScenario(scenario: FaultScenario, call: ClientCall): Promise<void> {
  const started = scenario.start
    ? await scenario.start()
    : { stack: await startFaultStack({ settings: scenario.settings, simulator: scenario.simulator }) };
  const { stack } = started;
  try {
    await scenario.inject?.(stack, call);
    const response = await sendCall(stack.url, call);
    const outcome = readOutcome(call, response);
    if (scenario.expect === 'answer') expectAnswer(outcome);
    else expectFailure(outcome, call, scenario.expect, scenario.streamStarted ?? false);
    if (scenario.streamStarted && call.mode === 'stream') expectKeptAlive(call, response);
    await scenario.verify?.(stack, call);
    expectCleanBodies(stack, [response]);
    if ('heal' in started) await started.heal();
    else await (scenario.heal ?? clearFaults)(stack);
    await expectHealthy(stack, call);
    expectCleanLog(stack);
  } finally {
    await stack.close();
  }
}

/** One concurrent test per scenario and kind of client (protocol x mode). */
export function describeFaultScenarios(title: string, scenarios: FaultScenario[]): void {
  describe.concurrent(title, () => {
    for (const scenario of scenarios) {
      for (const call of clientCalls) {
        if (scenario.modes !== undefined && !scenario.modes.includes(call.mode)) continue;
        it(`${scenario.name} (${describeCall(call)})`, () => runFaultScenario(scenario, call));
      }
    }
  });
}

/** One concurrent test per kind of client, for checks that need more than one faulted request. */
export function describeForEveryCall(
  title: string,
  name: string,
  run: (call: ClientCall) => Promise<void>,
): void {
  describe.concurrent(title, () => {
    for (const call of clientCalls) it(`${name} (${describeCall(call)})`, () => run(call));
  });
}
