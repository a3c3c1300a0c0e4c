// Wire shapes of the Einstein LLM gateway's chat route (snake_case). Distinct from the v1 Models
// API's camelCase shapes on purpose: the two surfaces share no parser.

/** A role the gateway's chat route accepts. */
export type GatewayRole = 'system' | 'user' | 'assistant' | 'tool';

/** One tool call on an assistant turn; `arguments` is a JSON string. No `type` or `index` keys:
 * with them the upstream rejects the tool message that answers the call. */
export interface GatewayToolInvocation {
  id: string;
  function: { name: string; arguments: string };
}

/** One message of the request; content is always a plain string on this route. */
export interface GatewayMessage {
  role: GatewayRole;
  content: string;
  tool_invocations?: GatewayToolInvocation[];
  tool_call_id?: string;
  tool_call_name?: string;
}

/** A function tool in OpenAI's nested shape. */
export interface GatewayTool {
  type: 'function';
  function: { name: string; description?: string; parameters: Record<string, unknown> };
}

/** How the model may use the tools: `any` is "must call one", `tool` is "must call these". */
export interface GatewayToolConfig {
  mode: 'auto' | 'none' | 'any' | 'tool';
  allowed_tools?: { type: 'function'; name: string }[];
  parallel_calls: boolean;
}

/** Sampling and length settings; `parameters` holds provider extras (always sent, empty). */
export interface GatewayGenerationSettings {
  max_tokens?: number;
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stop_sequences?: string[];
  frequency_penalty?: number;
  presence_penalty?: number;
  seed?: number;
  parameters: Record<string, unknown>;
}

/** The body of POST /chat/generations and /chat/generations/stream (the path decides streaming). */
export interface GatewayChatRequest {
  model: string;
  messages: GatewayMessage[];
  generation_settings: GatewayGenerationSettings;
  tools?: GatewayTool[];
  tool_config?: GatewayToolConfig;
  system_prompt_strategy: 'use_model_parameter';
}
