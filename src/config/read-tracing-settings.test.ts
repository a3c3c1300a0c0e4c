import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.ts';
import { readTracingSettings } from './read-tracing-settings.ts';

describe('readTracingSettings', () => {
  it('is off without an endpoint, with OTEL_SDK_DISABLED=true or with OTEL_TRACES_EXPORTER=none', () => {
    expect(readTracingSettings({})).toBeNull();
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318' };
    expect(readTracingSettings({ ...endpoint, OTEL_SDK_DISABLED: 'TRUE' })).toBeNull();
    expect(readTracingSettings({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' })).toBeNull();
  });

  it('reads the standard defaults once an endpoint is set', () => {
    expect(readTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toEqual({
      tracesUrl: 'http://collector:4318/v1/traces',
      protocol: 'http/protobuf',
      headers: {},
      resourceAttributes: { 'service.name': 'sf-models-gateway' },
      sampler: { name: 'always_on', parentBased: true, ratio: 1 },
    });
  });

  it('takes the traces endpoint as it is, and every other variable', () => {
    const settings = readTracingSettings({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector.example/custom/path',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=a%20b,tenant=one',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'tenant=two',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=prod,service.name=from-attributes',
      OTEL_SERVICE_NAME: 'edge-gateway',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
    });
    expect(settings).toEqual({
      tracesUrl: 'https://collector.example/custom/path',
      protocol: 'http/json',
      headers: { 'x-api-key': 'a b', tenant: 'two' },
      resourceAttributes: { 'deployment.environment': 'prod', 'service.name': 'edge-gateway' },
      sampler: { name: 'traceidratio', parentBased: true, ratio: 0.25 },
    });
  });

  it.each([
    [{ OTEL_SDK_DISABLED: 'yes' }, /OTEL_SDK_DISABLED must be true or false/],
    [{ OTEL_TRACES_EXPORTER: 'zipkin' }, /OTEL_TRACES_EXPORTER must be otlp or none/],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, /OTEL_EXPORTER_OTLP_ENDPOINT must be an http/],
    [
      { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
      /OTEL_EXPORTER_OTLP_PROTOCOL must be http\/protobuf or http\/json/,
    ],
    [{ OTEL_TRACES_SAMPLER: 'jaeger_remote' }, /OTEL_TRACES_SAMPLER must be one of always_on/],
    [
      { OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '2' },
      /OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1/,
    ],
  ])('refuses %j with a message naming the variable', (environment, message) => {
    const withEndpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318', ...environment };
    expect(() => readTracingSettings(withEndpoint)).toThrow(ConfigError);
    expect(() => readTracingSettings(withEndpoint)).toThrow(message);
  });

  it('never quotes a header value it cannot read', () => {
    const read = () =>
      readTracingSettings({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318',
        OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%zzsecret',
      });
    expect(read).toThrow(/OTEL_EXPORTER_OTLP_HEADERS must be a comma-separated list of name=value pairs/);
    expect(read).not.toThrow(/secret/);
  });
});
