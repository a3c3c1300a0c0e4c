import { EventEmitter } from 'node:events';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { handleShutdownSignals } from './shutdown-signals.ts';

function setup(shutdown: (reason: string) => Promise<number>, backstopMs = 10_000) {
  const signals = new EventEmitter();
  const exits: number[] = [];
  const reasons: string[] = [];
  const begin = handleShutdownSignals({
    logger: pino({ level: 'silent' }),
    shutdown: (reason) => {
      reasons.push(reason);
      return shutdown(reason);
    },
    backstopMs,
    exit: (code) => exits.push(code),
    signals,
  });
  return { signals, exits, reasons, begin };
}

describe('handleShutdownSignals', () => {
  it('shuts down once on the first signal and exits with the code the shutdown returns', async () => {
    const { signals, exits, reasons } = setup(async () => 0);
    signals.emit('SIGTERM', 'SIGTERM');
    await new Promise((resolve) => setImmediate(resolve));
    expect(reasons).toEqual(['SIGTERM']);
    expect(exits).toEqual([0]);
  });

  it('exits 1 at once on a second signal while the first shutdown still drains', () => {
    const { signals, exits, reasons } = setup(() => new Promise(() => {}));
    signals.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([]);
    signals.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([1]);
    expect(reasons).toEqual(['SIGINT']);
  });

  it('does not count a shutdown begun by message as a signal', () => {
    const { signals, exits, reasons, begin } = setup(() => new Promise(() => {}));
    begin('primary');
    signals.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([]);
    expect(reasons).toEqual(['primary']);
  });

  it('exits 1 when the shutdown fails', async () => {
    const { signals, exits } = setup(async () => {
      throw new Error('close failed');
    });
    signals.emit('SIGTERM', 'SIGTERM');
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toEqual([1]);
  });

  it('forces the exit with 1 when the shutdown overruns its backstop', async () => {
    const { signals, exits } = setup(() => new Promise(() => {}), 20);
    signals.emit('SIGTERM', 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(exits).toEqual([1]);
  });
});
