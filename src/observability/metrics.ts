import { Counter, Registry } from 'prom-client';

// Every metric the gateway exports is declared here, on a registry owned by one gateway
// instance (no global registry, so several gateways in one process stay apart).

/** The gateway's Prometheus metrics. */
export class GatewayMetrics {
  readonly registry = new Registry();
  /** How emulated tool calls were read from model text: parsed, repaired, failed or none. */
  readonly toolParseOutcomes = new Counter({
    name: 'sfgw_tool_parse_outcomes_total',
    help: 'Emulated tool-call parsing outcomes (parsed, repaired, failed, none).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  /** How emulated structured output turned out: valid, repaired, corrected, invalid. */
  readonly structuredOutputOutcomes = new Counter({
    name: 'sfgw_structured_output_outcomes_total',
    help: 'Emulated structured-output outcomes (valid, repaired, corrected, invalid).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
}
