import type { Logger } from 'pino';
import type { Tracer } from './tracer.ts';
import { disabledTracer } from './tracer.ts';
import type { TracingSettings } from './tracing-settings.ts';

/** The gateway's tracer: the disabled one without settings, else OpenTelemetry, imported only then
 * so that a gateway without tracing loads none of its modules. */
export async function startTracing(settings: TracingSettings | null, logger: Logger): Promise<Tracer> {
  if (settings === null) return disabledTracer;
  const { createOpenTelemetryTracer } = await import('./open-telemetry-tracer.ts');
  return createOpenTelemetryTracer(settings, logger);
}
