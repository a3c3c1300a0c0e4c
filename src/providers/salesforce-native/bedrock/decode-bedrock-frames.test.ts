import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { describe, expect, it } from 'vitest';
import { decodeBedrockFrames } from './decode-bedrock-frames.ts';
import {
  bodyOf,
  chunkFrame,
  collect,
  errorFrame,
  exceptionFrame,
  joinFrames,
} from './event-stream.fixtures.ts';

const ping = { type: 'ping' };

describe('decodeBedrockFrames', () => {
  it('yields the Anthropic event of each chunk frame, ignoring the padding field', async () => {
    const body = joinFrames([
      chunkFrame(ping),
      chunkFrame({ type: 'message_stop' }, 'abcdefghijklmnopqrstu'),
    ]);
    expect(await collect(decodeBedrockFrames(bodyOf(body)))).toEqual([ping, { type: 'message_stop' }]);
  });

  it('refuses a frame whose message CRC or prelude CRC is wrong', async () => {
    const payloadFlipped = chunkFrame(ping);
    payloadFlipped[60] = (payloadFlipped[60] as number) ^ 0x01;
    const preludeCrcFlipped = chunkFrame(ping);
    preludeCrcFlipped[9] = (preludeCrcFlipped[9] as number) ^ 0x80;
    for (const frame of [payloadFlipped, preludeCrcFlipped]) {
      await expect(collect(decodeBedrockFrames(bodyOf(frame)))).rejects.toMatchObject({
        kind: 'upstream_error',
        message: expect.stringContaining('corrupt frame'),
      });
    }
  });

  it.each([
    ['throttlingException', 'rate_limit', true],
    ['serviceUnavailableException', 'upstream_unavailable', true],
    ['modelTimeoutException', 'upstream_timeout', true],
    ['validationException', 'invalid_request', false],
    ['internalServerException', 'upstream_error', false],
    ['modelStreamErrorException', 'upstream_error', false],
    ['someNewException', 'upstream_error', false],
  ])('turns a %s frame after earlier events into a %s error', async (exception, kind, retryable) => {
    const body = joinFrames([chunkFrame(ping), exceptionFrame(exception, 'The model stopped.')]);
    const seen: unknown[] = [];
    const reading = (async () => {
      for await (const event of decodeBedrockFrames(bodyOf(body))) seen.push(event);
    })();
    await expect(reading).rejects.toMatchObject({
      kind,
      retryable,
      code: exception,
      message: expect.stringContaining('The model stopped.'),
    });
    expect(seen).toEqual([ping]);
  });

  it('turns an error frame into an upstream error carrying its code and text', async () => {
    await expect(
      collect(decodeBedrockFrames(bodyOf(errorFrame('InternalFailure', 'Stream reset')))),
    ).rejects.toMatchObject({
      kind: 'upstream_error',
      code: 'InternalFailure',
      message: expect.stringContaining('Stream reset'),
    });
  });

  it('throws on a chunk frame whose payload holds no event', async () => {
    const frame = new EventStreamCodec(toUtf8, fromUtf8).encode({
      headers: {
        ':message-type': { type: 'string', value: 'event' },
        ':event-type': { type: 'string', value: 'chunk' },
      },
      body: fromUtf8('{"bytes":"bm90IGpzb24="}'),
    });
    await expect(collect(decodeBedrockFrames(bodyOf(frame)))).rejects.toMatchObject({
      kind: 'upstream_error',
    });
  });
});
