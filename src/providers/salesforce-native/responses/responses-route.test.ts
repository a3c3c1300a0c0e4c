import { describe, expect, it } from 'vitest';
import { responsesRoute } from './responses-route.ts';

describe('responsesRoute', () => {
  it('posts to /responses whether streaming or not, with the model in the body', () => {
    expect(responsesRoute.path('sfdc_ai__DefaultGPT54', true)).toBe('/responses');
    expect(responsesRoute.path('sfdc_ai__DefaultGPT54', false)).toBe('/responses');
  });

  it('accepts SSE as the streaming content type and nothing else', () => {
    expect(responsesRoute.streamContentType.test('text/event-stream; charset=utf-8')).toBe(true);
    expect(responsesRoute.streamContentType.test('application/json')).toBe(false);
  });
});
