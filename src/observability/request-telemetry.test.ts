import { describe, expect, it } from 'vitest';
import { RequestTelemetry } from './request-telemetry.ts';

function manualClock() {
  let now = 1000;
  return {
    read: () => now,
    advance: (milliseconds: number) => {
      now += milliseconds;
    },
  };
}

describe('RequestTelemetry', () => {
  it('subtracts waits on the upstream from the elapsed time', () => {
    const clock = manualClock();
    const telemetry = new RequestTelemetry(clock.read);
    clock.advance(2);
    const endTokenWait = telemetry.begin();
    clock.advance(50);
    endTokenWait();
    clock.advance(1);
    const endCall = telemetry.begin();
    clock.advance(300);
    endCall();
    clock.advance(3);
    expect(telemetry.elapsedMs()).toBe(356);
    expect(telemetry.upstreamMs()).toBe(350);
    expect(telemetry.overheadMs()).toBe(6);
  });

  it('reads final duration and overhead at one instant, even on a clock that moves on every read', () => {
    let now = 1000;
    // every read of this clock is 1 ms later than the one before
    const telemetry = new RequestTelemetry(() => now++);
    const endCall = telemetry.begin();
    endCall();
    const { durationMs, overheadMs } = telemetry.finalTimings();
    expect(overheadMs).toBeLessThanOrEqual(durationMs);
    expect(durationMs).toBe(3);
    expect(overheadMs).toBe(2);
  });

  it('counts a wait that is still open up to now', () => {
    const clock = manualClock();
    const telemetry = new RequestTelemetry(clock.read);
    clock.advance(4);
    telemetry.begin();
    clock.advance(200);
    expect(telemetry.upstreamMs()).toBe(200);
    expect(telemetry.overheadMs()).toBe(4);
  });

  it('counts overlapping waits once, and an end called twice once', () => {
    const clock = manualClock();
    const telemetry = new RequestTelemetry(clock.read);
    const endOuter = telemetry.begin();
    clock.advance(10);
    const endInner = telemetry.begin();
    clock.advance(10);
    endInner();
    endInner();
    clock.advance(10);
    endOuter();
    clock.advance(5);
    expect(telemetry.upstreamMs()).toBe(30);
    expect(telemetry.overheadMs()).toBe(5);
  });

  it('calls its hooks at commit and at the first frame, and remembers that it streamed', () => {
    const moments: string[] = [];
    const telemetry = new RequestTelemetry(manualClock().read, {
      onCommit: () => moments.push('commit'),
      onFirstFrame: () => moments.push('first frame'),
    });
    expect(telemetry.streamed).toBe(false);
    telemetry.committing();
    telemetry.firstFrameWritten();
    expect(telemetry.streamed).toBe(true);
    expect(moments).toEqual(['commit', 'first frame']);
  });
});
