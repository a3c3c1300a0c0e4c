import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GatewayError } from './errors.ts';
import { fallbackPipeline, scriptedUpstream, upstreamFailure } from './fallback-upstream.fixtures.ts';
import type { StreamEvent } from './model.ts';
import { collectEvents, generationRequest, testContext, textRequest } from './provider.fixtures.ts';
import { runWithinDeadline } from './request-deadline.ts';

const fallbacks = { 'claude-4-sonnet': ['gpt-4.1', 'gemini'] };
const claudeRequest = textRequest('hi', { model: 'claude-4-sonnet' });

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

// Settles to the error, so that advancing the clock never meets an unhandled rejection.
function failureOf(promise: Promise<unknown>): Promise<GatewayError> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: GatewayError) => error,
  );
}

describe('REQUEST_DEADLINE_MS', () => {
  it('is one budget across a chain of slow failures: the third model is cut at 100 ms', async () => {
    const slowlyThrottled = { delayMs: 40, error: upstreamFailure('rate_limit') };
    const upstream = scriptedUpstream({
      sfdc_ai__Claude: slowlyThrottled,
      sfdc_ai__Gpt: slowlyThrottled,
      sfdc_ai__Gemini: slowlyThrottled,
    });
    const moves: string[] = [];
    const pipeline = fallbackPipeline(upstream.provider, {
      fallbacks,
      deadlineMs: 100,
      onFallback: (from, to) => moves.push(`${from} -> ${to}`),
    });
    const failure = failureOf(pipeline.chat(claudeRequest, testContext));
    await vi.advanceTimersByTimeAsync(100);
    const error = await failure;
    expect(error).toMatchObject({
      kind: 'upstream_timeout',
      status: 504,
      code: 'request_deadline_exceeded',
      retryable: false,
      message:
        'No answer within the request deadline of 0.1 s (REQUEST_DEADLINE_MS), across retries, org switches and fallbacks; retry later, or raise REQUEST_DEADLINE_MS.',
    });
    expect((error.cause as DOMException).name).toBe('TimeoutError');
    expect(upstream.calls.map((call) => call.model)).toEqual([
      'sfdc_ai__Claude',
      'sfdc_ai__Gpt',
      'sfdc_ai__Gemini',
    ]);
    expect(moves).toEqual(['claude-4-sonnet -> gpt-4.1', 'gpt-4.1 -> gemini']);
  });

  it('turns whatever the upstream threw once the deadline passed into request_deadline_exceeded', async () => {
    // An upstream that notices the abort only as its own timeout.
    const pipeline = fallbackPipeline(
      {
        ...scriptedUpstream().provider,
        chat: async (_request, context) => {
          await new Promise((resolve) => context.signal.addEventListener('abort', resolve));
          throw upstreamFailure('upstream_timeout', 'The upstream call timed out.');
        },
      },
      { deadlineMs: 30_000 },
    );
    const failure = failureOf(pipeline.chat(textRequest('hi', { model: 'gemini' }), testContext));
    await vi.advanceTimersByTimeAsync(30_000);
    const error = await failure;
    expect(error.code).toBe('request_deadline_exceeded');
    expect(error.message).toMatch(/^No answer within the request deadline of 30 s \(REQUEST_DEADLINE_MS\)/);
    expect((error.cause as GatewayError).message).toBe('The upstream call timed out.');
  });

  it('leaves a client abort what it was, and falls back no further', async () => {
    const upstream = scriptedUpstream({ sfdc_ai__Claude: { delayMs: 50 } });
    const pipeline = fallbackPipeline(upstream.provider, { fallbacks, deadlineMs: 1000 });
    const client = new AbortController();
    const failure = failureOf(pipeline.chat(claudeRequest, { ...testContext, signal: client.signal }));
    await vi.advanceTimersByTimeAsync(10);
    client.abort();
    const error = (await failure) as unknown as DOMException;
    expect(error).toBe(client.signal.reason);
    expect(error.name).toBe('AbortError');
    expect(upstream.calls.map((call) => call.model)).toEqual(['sfdc_ai__Claude']);
  });

  it('stops its clock when the whole answer is in', async () => {
    const upstream = scriptedUpstream({ sfdc_ai__Claude: { delayMs: 50 } });
    const pipeline = fallbackPipeline(upstream.provider, { deadlineMs: 1000 });
    const answer = pipeline.chat(claudeRequest, testContext);
    await vi.advanceTimersByTimeAsync(50);
    expect((await answer).servedModel).toBe('sfdc_ai__Claude');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops its clock at the first event: a stream that has started runs past the deadline', async () => {
    const upstream = scriptedUpstream({ sfdc_ai__Claude: { delayMs: 50, pauseAfterFirstEventMs: 5000 } });
    const pipeline = fallbackPipeline(upstream.provider, { deadlineMs: 100 });
    const iterator = pipeline.streamChat(claudeRequest, testContext)[Symbol.asyncIterator]();
    const first = iterator.next();
    await vi.advanceTimersByTimeAsync(50);
    expect((await first).value).toMatchObject({ type: 'response-start', servedModel: 'sfdc_ai__Claude' });
    expect(vi.getTimerCount()).toBe(0);
    const rest: Promise<StreamEvent[]> = collectEvents({ [Symbol.asyncIterator]: () => iterator });
    await vi.advanceTimersByTimeAsync(5000);
    expect((await rest).map((event) => event.type)).toEqual([
      'text-start',
      'text-delta',
      'text-end',
      'finish',
    ]);
  });

  it('cuts a stream that has not started, on its first step', async () => {
    const upstream = scriptedUpstream({ sfdc_ai__Claude: { delayMs: 5000 } });
    const pipeline = fallbackPipeline(upstream.provider, { deadlineMs: 2500 });
    const failure = failureOf(
      collectEvents(
        pipeline.streamGenerate({ ...generationRequest('hi'), model: 'claude-4-sonnet' }, testContext),
      ),
    );
    await vi.advanceTimersByTimeAsync(2500);
    expect((await failure).message).toMatch(/^No answer within the request deadline of 2.5 s /);
  });

  it('sets no timer at all when it is 0', async () => {
    const upstream = scriptedUpstream({ sfdc_ai__Claude: { delayMs: 50 } });
    const pipeline = fallbackPipeline(upstream.provider, { deadlineMs: 0 });
    const answer = pipeline.chat(claudeRequest, testContext);
    await vi.advanceTimersByTimeAsync(0);
    // The only timer is the upstream's own wait.
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(50);
    expect((await answer).servedModel).toBe('sfdc_ai__Claude');
  });

  it('a client that leaves after the answer started still aborts the signal the upstream reads', async () => {
    const client = new AbortController();
    const started = await runWithinDeadline(
      { ...testContext, signal: client.signal },
      100,
      async (bounded) => bounded,
    );
    await vi.advanceTimersByTimeAsync(200);
    expect(started.signal.aborted).toBe(false);
    client.abort(new Error('client left'));
    expect(started.signal.aborted).toBe(true);
    expect((started.signal.reason as Error).message).toBe('client left');
  });
});
