import type { ChatRequest, Warning } from '../../../core/model.ts';
import type { BuiltNativeRequest } from '../native-route.ts';
import type { GatewayChatRequest, GatewayGenerationSettings } from './gateway-wire.ts';
import { mapGatewayMessages } from './map-gateway-messages.ts';
import { mapGatewayTools } from './map-gateway-tools.ts';
import { mapToolConfig } from './map-tool-config.ts';

/** Builds the body shared by /chat/generations and /chat/generations/stream (the path decides
 * streaming). Throws for images (no place for them) and freeform tools (not native here). */
export function buildLlmGatewayRequest(request: ChatRequest): BuiltNativeRequest {
  const body: GatewayChatRequest = {
    model: request.model,
    messages: mapGatewayMessages(request.messages),
    generation_settings: buildGenerationSettings(request),
    ...(request.tools.length === 0
      ? {}
      : {
          tools: mapGatewayTools(request.tools),
          tool_config: mapToolConfig(request.toolChoice, request.parallelToolCalls),
        }),
    // What Salesforce's own clients send: system messages go to the provider's system slot.
    system_prompt_strategy: 'use_model_parameter',
  };
  return { body: { ...body }, warnings: collectWarnings(request) };
}

function buildGenerationSettings(request: ChatRequest): GatewayGenerationSettings {
  const { sampling } = request;
  const settings: Omit<GatewayGenerationSettings, 'parameters'> = {
    max_tokens: request.maxOutputTokens,
    temperature: sampling.temperature,
    top_p: sampling.topP,
    top_k: sampling.topK,
    stop_sequences: request.stopSequences.length === 0 ? undefined : request.stopSequences,
    frequency_penalty: sampling.frequencyPenalty,
    presence_penalty: sampling.presencePenalty,
    seed: sampling.seed,
  };
  const given = Object.entries(settings).filter(([, value]) => value !== undefined);
  return { ...Object.fromEntries(given), parameters: {} };
}

function collectWarnings(request: ChatRequest): Warning[] {
  // The gateway route has no reasoning control: a reasoning_effort is accepted and has no effect.
  const wantsReasoning = request.reasoning !== undefined && request.reasoning.mode !== 'disabled';
  return wantsReasoning ? [{ type: 'ignored-setting', setting: 'reasoning' }] : [];
}
