import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { type OtlpSpanCounter, startOtlpSpanCounter } from './otlp-span-counter.ts';

let counter: OtlpSpanCounter | undefined;
afterEach(() => counter?.close());

describe('startOtlpSpanCounter', () => {
  it('counts the spans the OTLP/protobuf exporter sends it', async () => {
    counter = await startOtlpSpanCounter();
    const exporter = new OTLPTraceExporter({ url: `${counter.url}/v1/traces` });
    const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
    const tracer = provider.getTracer('bench-test');
    for (const name of ['one', 'two', 'three']) tracer.startSpan(name).end();
    await provider.forceFlush();
    await provider.shutdown();
    const tally = counter.tally();
    expect(tally.spans).toBe(3);
    expect(tally.exports).toBe(3);
    expect(tally.bytes).toBeGreaterThan(0);
  });

  it('answers 404 off /v1/traces and 400 to a body it cannot read, counting neither', async () => {
    counter = await startOtlpSpanCounter();
    const elsewhere = await fetch(`${counter.url}/v1/metrics`, { method: 'POST', body: '' });
    const json = await fetch(`${counter.url}/v1/traces`, { method: 'POST', body: '{"resourceSpans":[]}' });
    expect([elsewhere.status, json.status]).toEqual([404, 400]);
    expect(counter.tally()).toEqual({ exports: 0, spans: 0, bytes: 0 });
  });
});
