import type { ToolChoice } from '../../../core/model.ts';
import type { GatewayToolConfig } from './gateway-wire.ts';

/** Maps the tool choice to `tool_config`: required is `any`, a named tool is `tool` + `allowed_tools`. */
export function mapToolConfig(choice: ToolChoice, parallelToolCalls: boolean): GatewayToolConfig {
  const parallel = { parallel_calls: parallelToolCalls };
  switch (choice.type) {
    case 'auto':
      return { mode: 'auto', ...parallel };
    case 'none':
      return { mode: 'none', ...parallel };
    case 'required':
      return { mode: 'any', ...parallel };
    case 'tool':
      return { mode: 'tool', allowed_tools: [{ type: 'function', name: choice.name }], ...parallel };
  }
}
