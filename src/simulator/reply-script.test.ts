import { describe, expect, it } from 'vitest';
import type { ReplyRequest } from './reply-request.ts';
import { ReplyScript } from './reply-script.ts';

function requestWith(content: string): ReplyRequest {
  return {
    endpoint: 'chat-generations',
    model: 'sfdc_ai__DefaultGPT4OmniMini',
    servedModel: 'sfdc_ai__DefaultGPT4OmniMini',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content },
    ],
    body: {},
    headers: {},
  };
}

describe('ReplyScript', () => {
  it('uses queued replies first, then the responder, then the default', async () => {
    const script = new ReplyScript();
    script.enqueue('one', { text: 'two', finishReason: 'length' });
    script.setResponder((request) => `responder saw ${request.messages.length} messages`);
    const replies = [];
    for (let index = 0; index < 3; index += 1) replies.push(await script.next(requestWith('hi')));
    expect(replies).toEqual([
      { text: 'one', finishReason: 'stop', toolCalls: [] },
      { text: 'two', finishReason: 'length', toolCalls: [] },
      { text: 'responder saw 2 messages', finishReason: 'stop', toolCalls: [] },
    ]);
    script.setResponder(undefined);
    expect(await script.next(requestWith('hi'))).toEqual({
      text: 'Simulated reply to: hi',
      finishReason: 'stop',
      toolCalls: [],
    });
  });

  it('awaits asynchronous responders and forgets everything on reset', async () => {
    const script = new ReplyScript();
    script.setResponder(async () => ({ text: 'later', finishReason: 'content_filter' }));
    expect(await script.next(requestWith('hi'))).toEqual({
      text: 'later',
      finishReason: 'content_filter',
      toolCalls: [],
    });
    script.enqueue('queued');
    script.reset();
    expect(script.pending()).toBe(0);
    expect((await script.next(requestWith('hi'))).text).toBe('Simulated reply to: hi');
  });

  it('takes the fallback of the request surface when nothing is queued or computed', async () => {
    const script = new ReplyScript();
    const call = { name: 'lookup', arguments: { id: 1 } };
    const reply = await script.next(requestWith('hi'), () => ({ text: '', toolCalls: [call] }));
    expect(reply).toEqual({ text: '', finishReason: 'stop', toolCalls: [call] });
  });
});
