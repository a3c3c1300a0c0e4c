import { GatewayError } from '../../../core/errors.ts';
import type { ChatRequest } from '../../../core/model.ts';
import type { JsonObject } from '../shared/as-json-object.ts';

/** The `tools` and `tool_choice` fields of a Bedrock body; empty when the request has no tools. */
export interface BedrockToolFields {
  tools?: JsonObject[];
  tool_choice?: JsonObject;
}

/** Neutral tools and tool choice -> Anthropic's. Expects no freeform tools: Claude takes only
 * JSON-schema tools natively, so the provider routes requests with freeform tools elsewhere. */
export function mapBedrockTools(request: ChatRequest): BedrockToolFields {
  if (request.tools.length === 0) return {};
  const tools = request.tools.map((tool) => {
    if (tool.freeform) throw freeformNotNative();
    return {
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      input_schema: tool.parameters,
    };
  });
  return { tools, tool_choice: mapToolChoice(request) };
}

function mapToolChoice({ toolChoice, parallelToolCalls }: ChatRequest): JsonObject {
  // Anthropic takes disable_parallel_tool_use on auto, any and tool, not on none
  const parallel = parallelToolCalls ? {} : { disable_parallel_tool_use: true };
  switch (toolChoice.type) {
    case 'auto':
      return { type: 'auto', ...parallel };
    case 'required':
      return { type: 'any', ...parallel };
    case 'tool':
      return { type: 'tool', name: toolChoice.name, ...parallel };
    case 'none':
      return { type: 'none' };
  }
}

/** The error for a freeform tool reaching this route, which the provider should have sent elsewhere. */
export function freeformNotNative(): GatewayError {
  return new GatewayError(
    'internal',
    'The Bedrock route got a freeform tool, which Claude does not take natively; the provider should have routed this request elsewhere.',
  );
}
