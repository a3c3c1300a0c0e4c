import { ExportResultCode } from '@opentelemetry/core';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import type { Logger } from 'pino';

/** Wraps `exporter` so that failing exports are told in the log: one warning when they start
 * failing (the SDK itself says nothing and drops the spans), one line when they work again. */
export function reportExportFailures(
  exporter: SpanExporter,
  logger: Pick<Logger, 'warn' | 'info'>,
  tracesUrl: string,
): SpanExporter {
  // the origin only: a URL's user info would be a credential
  const collector = new URL(tracesUrl).origin;
  let failing = false;
  return {
    export(spans, resultCallback) {
      exporter.export(spans, (result) => {
        const succeeded = result.code === ExportResultCode.SUCCESS;
        if (!succeeded && !failing) {
          logger.warn(
            { collector, reason: result.error?.message },
            'OpenTelemetry export failed: spans are dropped until the collector takes them',
          );
        } else if (succeeded && failing) {
          logger.info({ collector }, 'OpenTelemetry export works again');
        }
        failing = !succeeded;
        resultCallback(result);
      });
    },
    shutdown: () => exporter.shutdown(),
    forceFlush: async () => exporter.forceFlush?.(),
  };
}
