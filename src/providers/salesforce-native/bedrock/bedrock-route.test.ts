import { describe, expect, it } from 'vitest';
import { bedrockRoute } from './bedrock-route.ts';

describe('bedrockRoute', () => {
  it.each([
    ['application/vnd.amazon.eventstream', true],
    ['application/octet-stream', true],
    ['application/json', false],
    ['text/event-stream', false],
  ])('takes a streaming 200 of type %s as an event stream: %s', (type, taken) => {
    expect(bedrockRoute.streamContentType.test(type)).toBe(taken);
  });
});
