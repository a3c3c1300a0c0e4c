import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../core/errors.ts';
import type { ChatRequest, ToolDefinition } from '../../core/model.ts';
import type { NativeRoute } from './native-route.ts';
import { type NativeRouteName, nativeRouteNameFor, selectNativeRoute } from './select-native-route.ts';

const routingTable: Array<[string, NativeRouteName]> = [
  ['sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet', 'bedrock'],
  ['sfdc_ai__DefaultBedrockAnthropicClaude45Haiku', 'bedrock'],
  ['llmgateway__BedrockAnthropicClaude45Opus', 'bedrock'],
  ['sfdc_ai__DefaultGPT54', 'responses'],
  ['sfdc_ai__DefaultGPT56Luna', 'responses'],
  ['sfdc_ai__DefaultOpenAIGPT4OmniMini', 'responses'],
  ['sfdc_ai__DefaultGPT41Mini', 'responses'],
  ['sfdc_ai__DefaultO3', 'responses'],
  ['sfdc_ai__DefaultO4Mini', 'responses'],
  ['sfdc_ai__DefaultVertexAIGeminiPro25', 'llmGateway'],
  ['sfdc_ai__DefaultVertexAIGemini30Flash', 'llmGateway'],
  ['sfdc_ai__DefaultBedrockAmazonNovaPro', 'llmGateway'],
  ['sfdc_ai__DefaultBedrockNvidiaNemotronNano330b', 'llmGateway'],
];

function fakeRoute(name: string): NativeRoute {
  return {
    path: () => `/${name}`,
    buildRequest: () => ({ body: {}, warnings: [] }),
    parseResponse: () => {
      throw new Error('unused');
    },
    decodeStream: () => {
      throw new Error('unused');
    },
    streamContentType: /x/,
  };
}

const routes = {
  bedrock: fakeRoute('bedrock'),
  responses: fakeRoute('responses'),
  llmGateway: fakeRoute('llm-gateway'),
};

function request(model: string, tools: ToolDefinition[] = []): ChatRequest {
  return {
    model,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    tools,
    toolChoice: { type: 'auto' },
    parallelToolCalls: true,
    responseFormat: { type: 'text' },
    stopSequences: [],
    sampling: {},
  };
}

const applyPatch: ToolDefinition = { name: 'apply_patch', parameters: {}, freeform: { type: 'text' } };

describe('nativeRouteNameFor', () => {
  for (const [model, route] of routingTable) {
    it(`sends ${model} to ${route}`, () => {
      expect(nativeRouteNameFor(model)).toBe(route);
    });
  }
});

describe('selectNativeRoute', () => {
  it('returns the route of the model family', () => {
    expect(selectNativeRoute(request('sfdc_ai__DefaultGPT5'), routes)).toBe(routes.responses);
    expect(selectNativeRoute(request('sfdc_ai__DefaultVertexAIGeminiPro25'), routes)).toBe(routes.llmGateway);
  });

  it('takes a freeform tool on the responses route', () => {
    expect(selectNativeRoute(request('sfdc_ai__DefaultGPT55', [applyPatch]), routes)).toBe(routes.responses);
  });

  it('refuses a freeform tool elsewhere with a 400 naming the tool', () => {
    const attempt = () =>
      selectNativeRoute(request('sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet', [applyPatch]), routes);
    expect(attempt).toThrow(GatewayError);
    expect(attempt).toThrow(/Tool apply_patch is a freeform \(custom\) tool/);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ status: 400, code: 'freeform_tool_unsupported', param: 'tools' });
    }
  });
});
