import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { abortOnDisconnect } from './abort-on-disconnect.ts';

/** Just the parts of a ServerResponse that tell whether the client left. */
function fakeResponse(state: { destroyed?: boolean; writableEnded?: boolean } = {}) {
  return Object.assign(new EventEmitter(), { destroyed: false, writableEnded: false, ...state });
}

describe('abortOnDisconnect', () => {
  it('aborts when the connection closes before the answer ended', () => {
    const response = fakeResponse();
    const controller = new AbortController();
    abortOnDisconnect(response as unknown as ServerResponse, controller);
    expect(controller.signal.aborted).toBe(false);
    response.emit('close');
    expect(controller.signal.aborted).toBe(true);
  });

  it('leaves the call alone when the connection closes after a normal end', () => {
    const response = fakeResponse();
    const controller = new AbortController();
    abortOnDisconnect(response as unknown as ServerResponse, controller);
    response.writableEnded = true;
    response.emit('close');
    expect(controller.signal.aborted).toBe(false);
  });

  it('aborts at once when the client was gone before the handler ran', () => {
    const controller = new AbortController();
    abortOnDisconnect(fakeResponse({ destroyed: true }) as unknown as ServerResponse, controller);
    expect(controller.signal.aborted).toBe(true);
  });
});
