import { describe, expect, it } from 'vitest';
import { readJson } from '../simulator-client.ts';
import { startSimulatorUnderTest } from '../simulator-under-test.fixtures.ts';
import {
  decodeFrames,
  frameHeaders,
  postNative,
  readBytes,
  readChunkEvent,
  readSse,
} from './native-client.fixtures.ts';

const { simulator, client } = await startSimulatorUnderTest();
const token = await client.fetchToken();

const streamPath = '/model/sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet/invoke-with-response-stream';
const bedrockBody = {
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: 64,
  messages: [{ role: 'user', content: 'Hello there' }],
};
const gatewayBody = {
  model: 'sfdc_ai__DefaultGPT41Mini',
  messages: [{ role: 'user', content: 'Hello there' }],
};
const responsesBody = { model: 'sfdc_ai__DefaultGPT54', input: 'Hello there', stream: true };

describe('status faults', () => {
  it('answers 429 with and without Retry-After, then recovers', async () => {
    simulator.injectNativeFault({ status: 429, retryAfterSeconds: 3 });
    simulator.injectNativeFault({ status: 429 });
    const first = await postNative(simulator, streamPath, { token, body: bedrockBody });
    const second = await postNative(simulator, '/responses', { token, body: responsesBody });
    expect([first.status, first.headers.get('retry-after')]).toEqual([429, '3']);
    expect([second.status, second.headers.get('retry-after')]).toEqual([429, null]);
    expect((await readJson(second)).errorCode).toBe('TOO_MANY_REQUESTS');
    expect((await postNative(simulator, streamPath, { token, body: bedrockBody })).status).toBe(200);
    expect(simulator.counters().faultsServed).toBe(2);
  });

  it.each([500, 503])('answers %s with the v1 error object, only on the route it names', async (status) => {
    simulator.injectNativeFault({ status, route: 'chat/generations' });
    expect(
      (await postNative(simulator, '/chat/generations/stream', { token, body: gatewayBody })).status,
    ).toBe(200);
    const failed = await postNative(simulator, '/chat/generations', { token, body: gatewayBody });
    expect(failed.status).toBe(status);
    expect((await readJson(failed)).errorCode).toBe(
      status === 500 ? 'INTERNAL_ERROR' : 'SERVICE_UNAVAILABLE',
    );
  });
});

describe('stream faults', () => {
  it('answers the Bedrock stream route with a 200 JSON error body', async () => {
    simulator.injectNativeFault({ stream: 'json-error-200' });
    const response = await postNative(simulator, streamPath, { token, body: bedrockBody });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(typeof (await readJson(response)).message).toBe('string');
  });

  it.each(['throttlingException', 'modelStreamErrorException'] as const)(
    'ends a Bedrock stream with a %s frame after N events',
    async (exceptionType) => {
      simulator.injectNativeFault({ stream: 'error-event', afterEvents: 3, exceptionType });
      const response = await postNative(simulator, streamPath, { token, body: bedrockBody });
      const frames = decodeFrames(await readBytes(response));
      expect(frames).toHaveLength(4);
      expect(frames.slice(0, 3).map((frame) => readChunkEvent(frame).type)).toEqual([
        'message_start',
        'content_block_start',
        'content_block_delta',
      ]);
      const exception = frames[3];
      expect(frameHeaders(exception as never)).toEqual([
        [':exception-type', exceptionType],
        [':content-type', 'application/json'],
        [':message-type', 'exception'],
      ]);
      expect(JSON.parse(Buffer.from(exception?.body ?? []).toString()).message).toEqual(expect.any(String));
    },
  );

  it('sends an in-band error or response.failed on /responses', async () => {
    simulator.injectNativeFault({ stream: 'error-event', afterEvents: 2 });
    const withError = readSse(
      await (await postNative(simulator, '/responses', { token, body: responsesBody })).text(),
    );
    expect(withError.map((event) => event.event)).toEqual([
      'response.created',
      'response.in_progress',
      'error',
    ]);
    expect(JSON.parse(withError[2]?.data ?? '')).toMatchObject({
      type: 'error',
      code: 'server_error',
      sequence_number: 2,
    });
    simulator.injectNativeFault({ stream: 'response-failed', afterEvents: 4 });
    const failed = readSse(
      await (await postNative(simulator, '/responses', { token, body: responsesBody })).text(),
    );
    expect(failed.at(-1)?.event).toBe('response.failed');
    expect(JSON.parse(failed.at(-1)?.data ?? '').response.status).toBe('failed');
  });

  it('sends event: error with errorCode on /chat/generations/stream', async () => {
    simulator.injectNativeFault({ stream: 'error-event', afterEvents: 1, errorCode: 'TOO_MANY_REQUESTS' });
    const response = await postNative(simulator, '/chat/generations/stream', { token, body: gatewayBody });
    const events = readSse(await response.text());
    expect(events.map((event) => event.event)).toEqual(['generation', 'error']);
    expect(JSON.parse(events[1]?.data ?? '').errorCode).toBe('TOO_MANY_REQUESTS');
  });

  it.each([
    [streamPath, bedrockBody],
    ['/responses', responsesBody],
    ['/chat/generations/stream', gatewayBody],
  ])('sends an empty 200 stream on %s', async (path, body) => {
    simulator.injectNativeFault({ stream: 'empty' });
    const response = await postNative(simulator, path, { token, body });
    expect(response.status).toBe(200);
    expect((await readBytes(response)).length).toBe(0);
  });

  it('resets the connection in the middle of a frame', async () => {
    simulator.injectNativeFault({ stream: 'reset', afterEvents: 2 });
    const response = await postNative(simulator, streamPath, { token, body: bedrockBody });
    expect(response.status).toBe(200);
    await expect(response.arrayBuffer()).rejects.toThrow();
  });

  it('leaves stream faults for streamed answers and breaks connections before any byte', async () => {
    simulator.injectNativeFault({ stream: 'empty' });
    const whole = await postNative(simulator, '/chat/generations', { token, body: gatewayBody });
    expect((await readJson(whole)).generation_details).toBeDefined();
    simulator.clearFaults();
    simulator.injectNativeFault({ connection: 'reset' });
    await expect(postNative(simulator, '/chat/generations', { token, body: gatewayBody })).rejects.toThrow();
  });
});
