import type { ToolDefinition } from '../../../core/model.ts';
import type { GatewayTool } from './gateway-wire.ts';
import { freeformError } from './map-gateway-messages.ts';

/** Maps tool definitions to OpenAI-shaped function tools; a freeform tool throws (not native here). */
export function mapGatewayTools(tools: ToolDefinition[]): GatewayTool[] {
  return tools.map((tool) => {
    if (tool.freeform !== undefined) throw freeformError(tool.name);
    return {
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.parameters,
      },
    };
  });
}
