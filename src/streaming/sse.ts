// Server-sent events framing, per the WHATWG event-stream format. This is the only file that
// knows about `data:` lines; everything else hands it strings.

const lineBreak = /\r\n|\r|\n/;

/** One SSE frame: optional `event:` line, one `data:` line per line of `data`, blank line. */
export function encodeSseEvent(data: string, event?: string): string {
  const eventLine = event === undefined ? '' : `event: ${event}\n`;
  const dataLines = data
    .split(lineBreak)
    .map((line) => `data: ${line}\n`)
    .join('');
  return `${eventLine}${dataLines}\n`;
}

/** A comment frame; clients ignore it, proxies and idle watchdogs see traffic. */
export function encodeSseComment(text: string): string {
  const lines = text
    .split(lineBreak)
    .map((line) => `: ${line}\n`)
    .join('');
  return `${lines}\n`;
}

/** One dispatched event; `event` is undefined when the frame had no `event:` line. */
export interface SseEvent {
  event: string | undefined;
  data: string;
}

/** Incremental decoder: feed it text as it arrives, in chunks split anywhere. */
export class SseDecoder {
  #partialLine = '';
  #skipLeadingLineFeed = false;
  #atStreamStart = true;
  #eventName: string | undefined = undefined;
  #dataLines: string[] = [];

  /** Decodes a chunk and returns the events it completed. */
  push(chunk: string): SseEvent[] {
    let text = chunk;
    if (this.#atStreamStart && text.length > 0) {
      this.#atStreamStart = false;
      if (text.startsWith('\uFEFF')) text = text.slice(1);
    }
    if (this.#skipLeadingLineFeed && text.length > 0) {
      this.#skipLeadingLineFeed = false;
      if (text.startsWith('\n')) text = text.slice(1);
    }
    const events: SseEvent[] = [];
    let start = 0;
    for (let position = 0; position < text.length; position += 1) {
      const character = text[position];
      if (character !== '\n' && character !== '\r') continue;
      this.#processLine(this.#partialLine + text.slice(start, position), events);
      this.#partialLine = '';
      if (character === '\r') {
        // A CR at the very end of a chunk may be the first half of a CRLF split across chunks.
        if (position + 1 === text.length) this.#skipLeadingLineFeed = true;
        else if (text[position + 1] === '\n') position += 1;
      }
      start = position + 1;
    }
    this.#partialLine += text.slice(start);
    return events;
  }

  /** Ends the stream: a last line or event left without its terminator is still delivered. */
  flush(): SseEvent[] {
    const events: SseEvent[] = [];
    if (this.#partialLine.length > 0) {
      this.#processLine(this.#partialLine, events);
      this.#partialLine = '';
    }
    this.#processLine('', events);
    return events;
  }

  #processLine(line: string, events: SseEvent[]): void {
    if (line === '') {
      if (this.#dataLines.length > 0) {
        events.push({ event: this.#eventName || undefined, data: this.#dataLines.join('\n') });
      }
      this.#eventName = undefined;
      this.#dataLines = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') {
      this.#dataLines.push(value);
    } else if (field === 'event') {
      this.#eventName = value;
    }
  }
}
