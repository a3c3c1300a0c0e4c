import type { TracingSampler, TracingSettings } from '../observability/tracing/tracing-settings.ts';
import { ConfigError } from './config-error.ts';

// Tracing is configured only through the standard OTEL_* variables, read from the environment
// handed to loadConfig. The standard's rule (on unless OTEL_SDK_DISABLED=true, exporting to
// http://localhost:4318 by default) would make every gateway export to a collector nobody runs,
// so the gateway asks for one thing more: an endpoint. Tracing is on when OTEL_SDK_DISABLED is not
// true, OTEL_TRACES_EXPORTER is otlp (its default) and an OTLP endpoint is set.

type Environment = Record<string, string | undefined>;

/** The default OTEL_SERVICE_NAME. */
export const defaultServiceName = 'sf-models-gateway';

/** The tracing settings of `environment`, or null when tracing is off; a bad value is a ConfigError. */
export function readTracingSettings(environment: Environment): TracingSettings | null {
  if (readBoolean(environment, 'OTEL_SDK_DISABLED')) return null;
  if (!readTracesExporter(environment)) return null;
  const tracesUrl = readTracesUrl(environment);
  if (tracesUrl === null) return null;
  const resourceAttributes = readKeyValueList(environment, 'OTEL_RESOURCE_ATTRIBUTES', 'key=value');
  resourceAttributes['service.name'] =
    read(environment, 'OTEL_SERVICE_NAME') ?? resourceAttributes['service.name'] ?? defaultServiceName;
  return {
    tracesUrl,
    protocol: readProtocol(environment),
    headers: {
      ...readKeyValueList(environment, 'OTEL_EXPORTER_OTLP_HEADERS', 'name=value'),
      ...readKeyValueList(environment, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS', 'name=value'),
    },
    resourceAttributes,
    sampler: readSampler(environment),
  };
}

function read(environment: Environment, name: string): string | undefined {
  const value = environment[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function readBoolean(environment: Environment, name: string): boolean {
  const value = read(environment, name)?.toLowerCase();
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new ConfigError(`${name} must be true or false (got ${JSON.stringify(value)}).`);
}

function readTracesExporter(environment: Environment): boolean {
  const value = read(environment, 'OTEL_TRACES_EXPORTER')?.toLowerCase() ?? 'otlp';
  if (value === 'otlp') return true;
  if (value === 'none') return false;
  throw new ConfigError(
    `OTEL_TRACES_EXPORTER must be otlp or none (got ${JSON.stringify(value)}): the gateway exports traces over OTLP/HTTP only.`,
  );
}

// The signal's own endpoint is used as it is; the shared one gets the signal's path appended.
function readTracesUrl(environment: Environment): string | null {
  const traces = read(environment, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  if (traces !== undefined) return checkUrl('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', traces);
  const shared = read(environment, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  if (shared === undefined) return null;
  checkUrl('OTEL_EXPORTER_OTLP_ENDPOINT', shared);
  return `${shared.replace(/\/+$/, '')}/v1/traces`;
}

function checkUrl(name: string, value: string): string {
  if (URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)) return value;
  throw new ConfigError(
    `${name} must be an http:// or https:// URL, e.g. http://localhost:4318 (got ${JSON.stringify(value)}).`,
  );
}

function readProtocol(environment: Environment): TracingSettings['protocol'] {
  const name = read(environment, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL')
    ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'
    : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const value = read(environment, name) ?? 'http/protobuf';
  if (value === 'http/protobuf' || value === 'http/json') return value;
  throw new ConfigError(
    `${name} must be http/protobuf or http/json (got ${JSON.stringify(value)}): the gateway does not export over gRPC.`,
  );
}

// The W3C baggage-like list the standard uses: comma-separated key=value pairs, values
// percent-encoded. Header values are secrets, so no error quotes the value.
function readKeyValueList(environment: Environment, name: string, shape: string): Record<string, string> {
  const list: Record<string, string> = {};
  const value = read(environment, name);
  if (value === undefined) return list;
  for (const [position, pair] of value.split(',').entries()) {
    const separator = pair.indexOf('=');
    const key = pair.slice(0, Math.max(separator, 0)).trim();
    let decoded: string | undefined;
    try {
      decoded = separator > 0 ? decodeURIComponent(pair.slice(separator + 1).trim()) : undefined;
    } catch {
      decoded = undefined;
    }
    if (key === '' || decoded === undefined) {
      throw new ConfigError(
        `${name} must be a comma-separated list of ${shape} pairs with percent-encoded values; entry ${position + 1} is not.`,
      );
    }
    list[key] = decoded;
  }
  return list;
}

const samplerNames: Record<string, Omit<TracingSampler, 'ratio'>> = {
  always_on: { name: 'always_on', parentBased: false },
  always_off: { name: 'always_off', parentBased: false },
  traceidratio: { name: 'traceidratio', parentBased: false },
  parentbased_always_on: { name: 'always_on', parentBased: true },
  parentbased_always_off: { name: 'always_off', parentBased: true },
  parentbased_traceidratio: { name: 'traceidratio', parentBased: true },
};

function readSampler(environment: Environment): TracingSampler {
  const value = read(environment, 'OTEL_TRACES_SAMPLER')?.toLowerCase() ?? 'parentbased_always_on';
  const sampler = samplerNames[value];
  if (sampler === undefined) {
    throw new ConfigError(
      `OTEL_TRACES_SAMPLER must be one of ${Object.keys(samplerNames).join(', ')} (got ${JSON.stringify(value)}).`,
    );
  }
  const argument = read(environment, 'OTEL_TRACES_SAMPLER_ARG');
  const ratio = argument === undefined ? 1 : Number(argument);
  if (sampler.name === 'traceidratio' && !(ratio >= 0 && ratio <= 1)) {
    throw new ConfigError(
      `OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1, the share of traces kept (got ${JSON.stringify(argument)}).`,
    );
  }
  return { ...sampler, ratio };
}
