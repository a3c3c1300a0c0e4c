import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST the receiver got: its content type and raw body. */
export interface OtlpExport {
  path: string;
  contentType: string;
  body: Buffer;
}

/** A loopback OTLP/HTTP receiver keeping every export it is sent. */
export interface OtlpReceiver {
  /** http://127.0.0.1:PORT, to use as OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string;
  exports: OtlpExport[];
  close(): Promise<void>;
}

/** Starts a receiver on port 0 answering every POST with the empty success OTLP expects, or
 * with `status` and no body (a 400 is not retried by the exporter). */
export async function startOtlpReceiver(status = 200): Promise<OtlpReceiver> {
  const exports: OtlpExport[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      exports.push({
        path: request.url ?? '',
        contentType: request.headers['content-type'] ?? '',
        body: Buffer.concat(chunks),
      });
      const json = String(request.headers['content-type']).includes('json');
      response.writeHead(status, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
      response.end(json ? '{}' : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exports,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A span of an OTLP/JSON export, its attributes flattened to plain values. */
export interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  /** 2 SERVER, 3 CLIENT. */
  kind: number;
  /** 2 is ERROR. */
  statusCode: number;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
}

interface JsonAttribute {
  key: string;
  value: JsonValue;
}
type JsonValue = {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: JsonValue[] };
};
interface JsonExport {
  resourceSpans: Array<{
    resource?: { attributes?: JsonAttribute[] };
    scopeSpans: Array<{
      spans: Array<{
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind: number;
        status?: { code?: number };
        attributes?: JsonAttribute[];
      }>;
    }>;
  }>;
}

/** Every span of the receiver's OTLP/JSON exports. */
export function readJsonSpans(exports: OtlpExport[]): ExportedSpan[] {
  return exports.flatMap((exported) =>
    (JSON.parse(exported.body.toString('utf8')) as JsonExport).resourceSpans.flatMap((resourceSpans) => {
      const resource = flattenAttributes(resourceSpans.resource?.attributes);
      return resourceSpans.scopeSpans.flatMap((scopeSpans) =>
        scopeSpans.spans.map((span) => ({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId ?? '',
          name: span.name,
          kind: span.kind,
          statusCode: span.status?.code ?? 0,
          attributes: flattenAttributes(span.attributes),
          resource,
        })),
      );
    }),
  );
}

function flattenAttributes(attributes: JsonAttribute[] = []): Record<string, unknown> {
  return Object.fromEntries(attributes.map(({ key, value }) => [key, readValue(value)]));
}

function readValue(value: JsonValue): unknown {
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(readValue);
  if (value.intValue !== undefined) return Number(value.intValue);
  return value.stringValue ?? value.doubleValue ?? value.boolValue;
}
