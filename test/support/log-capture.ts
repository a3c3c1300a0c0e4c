import { Writable } from 'node:stream';

/** One parsed pino line. */
export type LogLine = Record<string, unknown> & { level: number; msg?: string };

/** A log destination for startGatewayStack that keeps every line, raw and parsed. */
export function captureLog() {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  const raw = () => chunks.join('');
  const lines = (): LogLine[] =>
    raw()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as LogLine);
  return { destination, raw, lines };
}
