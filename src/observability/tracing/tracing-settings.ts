/** How spans are exported and sampled, from the standard OTEL_* variables. */
export interface TracingSettings {
  /** The OTLP/HTTP traces URL, e.g. http://collector:4318/v1/traces. */
  tracesUrl: string;
  protocol: 'http/protobuf' | 'http/json';
  /** Sent with every export, e.g. a collector's API key: a secret, never logged. */
  headers: Readonly<Record<string, string>>;
  /** Resource attributes, service.name included. */
  resourceAttributes: Readonly<Record<string, string>>;
  sampler: TracingSampler;
}

/** Which traces are kept: OTEL_TRACES_SAMPLER and, for the ratio samplers, OTEL_TRACES_SAMPLER_ARG. */
export interface TracingSampler {
  name: 'always_on' | 'always_off' | 'traceidratio';
  /** Follow the client's sampled flag when it sends a traceparent, and use `name` for the rest. */
  parentBased: boolean;
  /** 0 to 1, for traceidratio. */
  ratio: number;
}
