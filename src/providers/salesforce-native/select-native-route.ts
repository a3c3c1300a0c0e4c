import { GatewayError } from '../../core/errors.ts';
import type { ChatRequest } from '../../core/model.ts';
import type { NativeRoute } from './native-route.ts';

/** The three routes of the native surface, one per model family. */
export interface NativeRoutes {
  bedrock: NativeRoute;
  responses: NativeRoute;
  llmGateway: NativeRoute;
}

/** Which native route serves a model, by the family its upstream API name belongs to. */
export type NativeRouteName = keyof NativeRoutes;

// Salesforce names say who serves the model: sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet,
// sfdc_ai__DefaultGPT54, sfdc_ai__DefaultOpenAIGPT4OmniMini, sfdc_ai__DefaultO3. The o-series
// letter must follow the prefix, so that names like "…Nano330b" are not taken for it.
const claudePattern = /anthropic.*claude/i;
const gptPattern = /gpt|(?:^|_|default|openai)o\d/i;

/** The route for an upstream model name: Claude -> bedrock, GPT and o-series -> responses, others -> llmGateway. */
export function nativeRouteNameFor(upstreamModel: string): NativeRouteName {
  if (claudePattern.test(upstreamModel)) return 'bedrock';
  if (gptPattern.test(upstreamModel)) return 'responses';
  return 'llmGateway';
}

/** The freeform (custom) tool a request's route cannot take natively, if any: only GPT models on
 * the responses route take raw-text tools. */
export function unsupportedFreeformTool(request: ChatRequest): string | undefined {
  // the tools first: most requests have no freeform tool, and then the model name is not read
  const tool = request.tools.find((candidate) => candidate.freeform !== undefined);
  if (tool === undefined || nativeRouteNameFor(request.model) === 'responses') return undefined;
  return tool.name;
}

/** The route that serves `request` (whose model is the upstream name); a freeform tool the route
 * cannot take is a 400 naming it. The surface router never sends one here: it gives such requests
 * to the native provider that emulates their tools, so the 400 guards the bare provider only. */
export function selectNativeRoute(request: ChatRequest, routes: NativeRoutes): NativeRoute {
  const toolName = unsupportedFreeformTool(request);
  if (toolName !== undefined) {
    throw new GatewayError(
      'invalid_request',
      `Tool ${toolName} is a freeform (custom) tool, which the native routes take natively only for GPT models; ${request.model} cannot call it here. Declare it as a function tool or use a GPT model.`,
      { code: 'freeform_tool_unsupported', param: 'tools' },
    );
  }
  return routes[nativeRouteNameFor(request.model)];
}
