import { GatewayError } from '../../core/errors.ts';
import type { ToolDefinition } from '../../core/model.ts';

/** Refuses a tool whose name an earlier tool already has; `param` is the wire path of its name. */
export function assertUniqueToolName(earlier: readonly ToolDefinition[], name: string, param: string): void {
  if (!earlier.some((tool) => tool.name === name)) return;
  throw new GatewayError(
    'invalid_request',
    `${param} repeats the tool name "${name}"; tool names must be unique.`,
    {
      param,
      code: 'invalid_value',
    },
  );
}
