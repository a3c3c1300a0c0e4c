import type { Provider } from '../core/provider.ts';
import type { StructuredOutputOutcome } from './emulated-chat.ts';
import { createEmulatingProvider, type EmulatingProviderOptions } from './emulating-provider.ts';
import { sharedSchemaValidator } from './schema/schema-validator.fixtures.ts';
import type { ToolParseOutcome } from './tools/parse-tool-calls.ts';

/** An emulating provider over `inner`, with the shared schema validator, and the outcomes it
 * reports: how each tool-call answer and each structured-output answer was read. */
export function emulating(inner: Provider, options: EmulatingProviderOptions = {}) {
  const toolOutcomes: ToolParseOutcome[] = [];
  const structuredOutcomes: StructuredOutputOutcome[] = [];
  const provider = createEmulatingProvider(
    inner,
    {
      validator: sharedSchemaValidator,
      onToolParseOutcome: (outcome) => toolOutcomes.push(outcome),
      onStructuredOutputOutcome: (outcome) => structuredOutcomes.push(outcome),
    },
    options,
  );
  return { provider, toolOutcomes, structuredOutcomes };
}
