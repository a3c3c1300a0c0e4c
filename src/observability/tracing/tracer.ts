/** A span attribute's value, as OpenTelemetry takes it. */
export type SpanAttributeValue = string | number | boolean | string[];

/** A span's attributes by name. */
export type SpanAttributes = Record<string, SpanAttributeValue | undefined>;

/** One span the gateway opened: it records attributes and its failure, then ends once. */
export interface TraceSpan {
  /** 32 hex digits, shared by every span of the trace. */
  readonly traceId: string;
  /** 16 hex digits. */
  readonly spanId: string;
  setAttribute(name: string, value: SpanAttributeValue): void;
  /** Renames the span once what it served is known (the model is read after the span starts). */
  rename(name: string): void;
  /** Marks the span failed and sets error.type; `message` is a safe description, never a body. */
  fail(errorType: string, message?: string): void;
  /** Ends the span; later calls do nothing. */
  end(): void;
}

/** The little of tracing the gateway uses, so only this folder knows OpenTelemetry. */
export interface Tracer {
  /** False for the tracer used when tracing is off: call sites check it once and skip the rest. */
  readonly enabled: boolean;
  /** Starts the SERVER span of a client request; a valid `traceparent` (and its `tracestate`) becomes its parent. */
  startServerSpan(
    name: string,
    headers: Record<string, string | string[] | undefined>,
    attributes: SpanAttributes,
  ): TraceSpan;
  /** Runs `callback` with `span` as the parent of every span started inside it, across its awaits. */
  runInSpan<T>(span: TraceSpan, callback: () => T): T;
  /** Starts a CLIENT span under the span active where it is called (a root span when there is none). */
  startClientSpan(name: string, attributes: SpanAttributes): TraceSpan;
  /** Sends the spans still buffered and stops the exporter. */
  close(): Promise<void>;
}

const noopSpan: TraceSpan = {
  traceId: '',
  spanId: '',
  setAttribute() {},
  rename() {},
  fail() {},
  end() {},
};

/** The tracer of a gateway without tracing: nothing is recorded, nothing is loaded. */
export const disabledTracer: Tracer = {
  enabled: false,
  startServerSpan: () => noopSpan,
  runInSpan: (_span, callback) => callback(),
  startClientSpan: () => noopSpan,
  close: async () => {},
};
