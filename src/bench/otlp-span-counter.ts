import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { countProtobufSpans } from './count-protobuf-spans.ts';

/** What the receiver was sent so far. */
export interface OtlpTally {
  exports: number;
  spans: number;
  bytes: number;
}

/** A loopback OTLP/HTTP traces receiver that keeps counts, not spans. */
export interface OtlpSpanCounter {
  /** http://127.0.0.1:PORT, to use as OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string;
  tally(): OtlpTally;
  close(): Promise<void>;
}

/** Starts a receiver on a free loopback port answering 200 to POST /v1/traces (404 to anything else). */
export async function startOtlpSpanCounter(): Promise<OtlpSpanCounter> {
  const tally: OtlpTally = { exports: 0, spans: 0, bytes: 0 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/traces') {
        response.writeHead(404).end();
        return;
      }
      const body = Buffer.concat(chunks);
      let spans: number;
      try {
        spans = countProtobufSpans(body);
      } catch {
        // not OTLP/protobuf (http/json is not counted): refused, so that the exporter says so
        response.writeHead(400).end();
        return;
      }
      tally.exports += 1;
      tally.bytes += body.length;
      tally.spans += spans;
      // the empty ExportTraceServiceResponse: every span accepted
      response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tally: () => ({ ...tally }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
