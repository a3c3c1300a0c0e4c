import {
  type Context,
  defaultTextMapGetter,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  type Sampler,
  type SpanExporter,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import type { Logger } from 'pino';
import { reportExportFailures } from './report-export-failures.ts';
import type { SpanAttributes, SpanAttributeValue, Tracer, TraceSpan } from './tracer.ts';
import type { TracingSampler, TracingSettings } from './tracing-settings.ts';

// Nothing is registered globally (no api.trace.setGlobalTracerProvider, no global context
// manager): the gateway's own tracer is handed to the code that traces, and a library that
// reaches for the global API finds the no-op one, as it would without tracing.

/** A tracer exporting over OTLP/HTTP in batches, its context kept in AsyncLocalStorage. */
export async function createOpenTelemetryTracer(settings: TracingSettings, logger: Logger): Promise<Tracer> {
  const exporter = reportExportFailures(await createExporter(settings), logger, settings.tracesUrl);
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ ...settings.resourceAttributes }),
    sampler: createSampler(settings.sampler),
    spanProcessors: [new BatchSpanProcessor({ exporter })],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  const propagator = new W3CTraceContextPropagator();
  const tracer = provider.getTracer('sf-models-gateway');
  const start = (name: string, kind: SpanKind, attributes: SpanAttributes, parent: Context) =>
    new OpenTelemetrySpan(tracer.startSpan(name, { kind, attributes: definedOnly(attributes) }, parent));
  return {
    enabled: true,
    startServerSpan: (name, headers, attributes) =>
      start(
        name,
        SpanKind.SERVER,
        attributes,
        propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter),
      ),
    runInSpan: (span, callback) =>
      span instanceof OpenTelemetrySpan
        ? contextManager.with(trace.setSpan(contextManager.active(), span.span), callback)
        : callback(),
    startClientSpan: (name, attributes) => start(name, SpanKind.CLIENT, attributes, contextManager.active()),
    async close() {
      // a collector that is down must not fail the gateway's close: the spans are lost, and said so
      await provider.shutdown().catch((error: unknown) => {
        logger.warn(
          { reason: error instanceof Error ? error.message : String(error) },
          'OpenTelemetry shutdown could not export the last spans',
        );
      });
      contextManager.disable();
    },
  };
}

class OpenTelemetrySpan implements TraceSpan {
  readonly span: Span;
  readonly traceId: string;
  readonly spanId: string;

  constructor(span: Span) {
    this.span = span;
    const { traceId, spanId } = span.spanContext();
    this.traceId = traceId;
    this.spanId = spanId;
  }

  setAttribute(name: string, value: SpanAttributeValue): void {
    this.span.setAttribute(name, value);
  }

  rename(name: string): void {
    this.span.updateName(name);
  }

  fail(errorType: string, message?: string): void {
    this.span.setAttribute('error.type', errorType);
    this.span.setStatus({ code: SpanStatusCode.ERROR, ...(message !== undefined && { message }) });
  }

  end(): void {
    // the SDK warns on a second end; a request's span may be ended by both 'finish' and 'close'
    if (this.span.isRecording()) this.span.end();
  }
}

// Loaded only for the protocol asked for: each exporter brings its own serializer.
async function createExporter(settings: TracingSettings): Promise<SpanExporter> {
  const { OTLPTraceExporter } =
    settings.protocol === 'http/json'
      ? await import('@opentelemetry/exporter-trace-otlp-http')
      : await import('@opentelemetry/exporter-trace-otlp-proto');
  return new OTLPTraceExporter({ url: settings.tracesUrl, headers: { ...settings.headers } });
}

function createSampler(sampler: TracingSampler): Sampler {
  const root =
    sampler.name === 'always_on'
      ? new AlwaysOnSampler()
      : sampler.name === 'always_off'
        ? new AlwaysOffSampler()
        : new TraceIdRatioBasedSampler(sampler.ratio);
  return sampler.parentBased ? new ParentBasedSampler({ root }) : root;
}

function definedOnly(attributes: SpanAttributes): Record<string, SpanAttributeValue> {
  const defined: Record<string, SpanAttributeValue> = {};
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) defined[name] = value;
  return defined;
}
