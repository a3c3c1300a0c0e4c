import type { GatewayError } from './errors.ts';

// The neutral model: every protocol decodes into these types and every provider speaks them.
// Wire quirks (string-encoded arguments, content blocks, choices[0]) never appear here.

/** Who said a message. */
export type Role = 'system' | 'user' | 'assistant' | 'tool';

/** Plain text. */
export interface TextPart {
  type: 'text';
  text: string;
}

/** An image, as an https URL or a data URL; forwarded only to providers whose capabilities include images. */
export interface ImagePart {
  type: 'image';
  url: string;
}

/** The model's reasoning (thinking), kept so it can go back to the upstream on the next turn. */
export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  /** The upstream's signature over the reasoning, which it needs to accept it back. */
  signature?: string;
  /** Reasoning the upstream withheld and sent encrypted instead of as text. */
  redactedData?: string;
}

/** A tool call made by the assistant, with its arguments already parsed. */
export interface ToolCallPart {
  type: 'tool-call';
  id: string;
  name: string;
  /** Parsed JSON arguments; for a call to a freeform tool, its raw text input as a string. */
  arguments: unknown;
  /** True when the called tool is freeform: it takes raw text, not JSON arguments. */
  freeform?: boolean;
}

/** The result of a tool call, sent back by the client. */
export interface ToolResultPart {
  type: 'tool-result';
  callId: string;
  content: string;
  isError: boolean;
}

/** One typed piece of a message. */
export type ContentPart = TextPart | ImagePart | ToolCallPart | ToolResultPart | ReasoningPart;

/** One turn of the conversation. */
export interface Message {
  role: Role;
  content: ContentPart[];
}

/** What a freeform tool's raw text input must look like: any text, or text a grammar accepts. */
export type FreeformInputFormat = { type: 'text' } | { type: 'grammar'; syntax: string; definition: string };

/** A tool the model may call; `parameters` is a JSON Schema object. */
export interface ToolDefinition {
  name: string;
  description?: string;
  parameters: Record<string, unknown>;
  /** Set when the tool takes raw text instead of JSON arguments; `parameters` is then unused. */
  freeform?: FreeformInputFormat;
}

/** Whether and which tool the model must call. */
export type ToolChoice =
  | { type: 'auto' }
  | { type: 'none' }
  | { type: 'required' }
  | { type: 'tool'; name: string };

/** The shape the client wants the answer in. */
export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json-object' }
  | {
      type: 'json-schema';
      name: string;
      schema: Record<string, unknown>;
      strict: boolean;
    };

/** Sampling settings the client asked for; a provider that cannot honour them reports them as ignored. */
export interface SamplingSettings {
  temperature?: number;
  topP?: number;
  topK?: number;
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
}

/** How hard the model should think, from least to most. */
export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

/** What the client asked of the model's reasoning (Anthropic thinking, OpenAI reasoning). */
export interface ReasoningSettings {
  /** `enabled` with a token budget, `adaptive` (the model decides how much), or `disabled`. */
  mode: 'enabled' | 'adaptive' | 'disabled';
  budgetTokens?: number;
  effort?: ReasoningEffort;
  /** The client wants the reasoning text (or its summary) returned, not only its effect. */
  returnText: boolean;
}

/** A chat request in neutral form. `model` is the name the client sent until the pipeline resolves it. */
export interface ChatRequest {
  model: string;
  messages: Message[];
  tools: ToolDefinition[];
  toolChoice: ToolChoice;
  parallelToolCalls: boolean;
  responseFormat: ResponseFormat;
  stopSequences: string[];
  maxOutputTokens?: number;
  sampling: SamplingSettings;
  /** Absent when the client said nothing about reasoning. */
  reasoning?: ReasoningSettings;
  /** Set only by the pipeline, from the catalog: the surface the alias asks for; absent, the provider's default. */
  surface?: ModelSurface;
}

/** A request setting by its neutral name; each protocol renders it under its own wire name. */
export type RequestSetting =
  | 'temperature'
  | 'topP'
  | 'topK'
  | 'seed'
  | 'presencePenalty'
  | 'frequencyPenalty'
  | 'maxOutputTokens'
  | 'reasoning'
  | 'reasoningEffort';

/** Something the gateway could not do as the client asked; protocols report it (x-sfgw-ignored-params). */
export type Warning =
  /** The setting had no effect. */
  | { type: 'ignored-setting'; setting: RequestSetting }
  /** The setting was changed to what the upstream accepts; `detail` says how. */
  | { type: 'adjusted-setting'; setting: RequestSetting; detail: string };

/** Why generation stopped, unified across providers. */
export type UnifiedFinishReason =
  | 'stop'
  | 'length'
  | 'tool-calls'
  | 'content-filter'
  | 'stop-sequence'
  | 'other';

/** A unified finish reason plus the raw upstream value for debugging. */
export interface FinishReason {
  unified: UnifiedFinishReason;
  raw: string | null;
  /** The stop sequence that ended the text, when unified is 'stop-sequence'. */
  stopSequence?: string;
}

/** Token counts for one call. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** Set when the upstream gave no usage and the gateway counted the tokens itself. */
  estimated?: true;
}

/** A whole chat answer. Content holds text and tool-call parts in the order produced. */
export interface ChatResult {
  id: string;
  /** The upstream's id for the generation itself (the target of feedback), when it gives one. */
  generationId?: string;
  /** The model that actually served the call, as the upstream reports it. */
  servedModel: string;
  /** Unix seconds. */
  created: number;
  content: Array<TextPart | ToolCallPart | ReasoningPart>;
  finishReason: FinishReason;
  usage: Usage;
}

/** Neutral streaming events (noun-verb). Every stream ends with exactly one finish or one error. */
export type StreamEvent =
  | { type: 'response-start'; id: string; servedModel: string; created: number; usage: Usage }
  | { type: 'text-start'; index: number }
  | { type: 'text-delta'; index: number; delta: string }
  | { type: 'text-end'; index: number }
  | { type: 'reasoning-start'; index: number }
  | { type: 'reasoning-delta'; index: number; delta: string }
  /** Ends a reasoning block; `signature` lets the client send it back on the next turn. */
  | { type: 'reasoning-end'; index: number; signature?: string; redactedData?: string }
  | { type: 'tool-call-start'; index: number; id: string; name: string; freeform?: boolean }
  /** A piece of the arguments' JSON text, or of a freeform call's raw input. */
  | { type: 'tool-call-delta'; index: number; argumentsDelta: string }
  | { type: 'tool-call-end'; index: number; arguments: unknown }
  | { type: 'finish'; finishReason: FinishReason; usage: Usage }
  | { type: 'error'; error: GatewayError };

/** A single-prompt text generation (legacy completions): no roles, no tools. */
export interface TextGenerationRequest {
  model: string;
  prompt: string;
  stopSequences: string[];
  maxOutputTokens?: number;
  sampling: SamplingSettings;
  /** Set only by the pipeline, from the catalog: the surface the alias asks for; absent, the provider's default. */
  surface?: ModelSurface;
}

/** Feedback on an earlier generation, forwarded to the upstream's feedback store. */
export interface FeedbackRequest {
  /** The client's own id for this feedback record. */
  id: string;
  /** The id of the generation the feedback is about. */
  generationId: string;
  /** Sentiment, e.g. GOOD or BAD. */
  feedback?: string;
  feedbackText?: string;
  /** Who gave it, e.g. HUMAN. */
  source?: string;
  appFeedback?: Record<string, unknown>;
  appGenerationId?: string;
  appGeneration?: string;
}

/** The upstream's acknowledgement of a feedback record. */
export interface FeedbackResult {
  message: string;
}

/** An embeddings request in neutral form. */
export interface EmbeddingRequest {
  model: string;
  input: string[];
}

/** Embedding vectors in input order. */
export interface EmbeddingResult {
  /** The model that actually served the call, as the upstream reports it. */
  servedModel: string;
  vectors: number[][];
  usage: Usage;
}

/** What a model can be used for. */
export type ModelKind = 'chat' | 'embedding';

/** Which upstream surface serves a chat model: the Models API, the native surface only, or native
 * with the Models API behind it. Core only carries it; the provider that has surfaces reads it. */
export type ModelSurface = 'models' | 'native' | 'auto';

/** One model the gateway can serve. */
export interface ModelInfo {
  /** The name clients send. */
  id: string;
  /** The upstream API name it resolves to. */
  upstreamModel: string;
  kind: ModelKind;
  /** Human-readable label. */
  label: string;
  ownedBy: string;
  /** The surface an alias asks for; absent, the provider's default. Not part of any model listing. */
  surface?: ModelSurface;
}
