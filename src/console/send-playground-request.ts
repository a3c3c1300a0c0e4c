import { describeFailure } from './api-client.ts';
import {
  applyStreamEvent,
  emptyAnswer,
  type PlaygroundAnswer,
  readWholeAnswer,
} from './playground-answer.ts';
import type { PlaygroundProtocol } from './playground-protocol.ts';
import { keyHeader, type PlaygroundRequest } from './playground-request.ts';
import { readServerSentEvents } from './read-server-sent-events.ts';

/** The answer headers the playground shows. */
export const shownHeaders = ['x-request-id', 'x-sfgw-ignored-params', 'x-sfgw-overhead-ms'] as const;

/** What the playground knows of a sent request so far. */
export interface PlaygroundResult {
  status: number | null;
  headers: Partial<Record<(typeof shownHeaders)[number], string>>;
  answer: PlaygroundAnswer;
  /** The raw SSE events, or the raw JSON answer. */
  raw: string;
  error: string | null;
  done: boolean;
}

/** A result before anything came back. */
export function pendingResult(): PlaygroundResult {
  return { status: null, headers: {}, answer: emptyAnswer(), raw: '', error: null, done: false };
}

/** Sends `request` with `key`, calling `onUpdate` with each new state: streamed answers grow event
 * by event. Once `signal` aborts (a new Send, or the page left) the exchange stops and reports nothing more. */
export async function sendPlaygroundRequest(
  request: PlaygroundRequest,
  protocol: PlaygroundProtocol,
  key: string | null,
  signal: AbortSignal,
  onUpdate: (result: PlaygroundResult) => void,
): Promise<void> {
  let result = pendingResult();
  const update = (change: Partial<PlaygroundResult>) => {
    result = { ...result, ...change };
    if (!signal.aborted) onUpdate(result);
  };
  try {
    const response = await fetch(request.path, {
      method: 'POST',
      headers: { ...request.headers, ...(key === null ? {} : keyHeader(protocol, key)) },
      body: JSON.stringify(request.body),
      signal,
    });
    const headers: PlaygroundResult['headers'] = {};
    for (const name of shownHeaders) {
      const value = response.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    update({ status: response.status, headers });
    if (!response.ok) {
      const failure = response.clone();
      update({ raw: await response.text(), error: await describeFailure(failure), done: true });
      return;
    }
    if (response.body && response.headers.get('content-type')?.includes('text/event-stream')) {
      // leaving the loop (abort) cancels the reader, which closes the connection
      for await (const event of readServerSentEvents(response.body)) {
        if (signal.aborted) break;
        const answer =
          event.data === '[DONE]' ? result.answer : applyEventData(result.answer, protocol, event.data);
        update({ raw: `${result.raw}${event.raw}\n\n`, answer, error: answer.error });
      }
      update({ done: true });
      return;
    }
    const text = await response.text();
    const body = parseJsonObject(text);
    if (body === null) {
      update({ raw: text, error: 'The answer is not a JSON object.', done: true });
      return;
    }
    const answer = readWholeAnswer(protocol, body);
    update({ raw: JSON.stringify(body, null, 2), answer, error: answer.error, done: true });
  } catch (error) {
    update({ error: `The request failed: ${(error as Error).message}`, done: true });
  }
}

function applyEventData(
  answer: PlaygroundAnswer,
  protocol: PlaygroundProtocol,
  data: string,
): PlaygroundAnswer {
  const parsed = parseJsonObject(data);
  if (parsed === null) return { ...answer, error: `An event is not a JSON object: ${data.slice(0, 200)}` };
  return applyStreamEvent(answer, protocol, parsed);
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
