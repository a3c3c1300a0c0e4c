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

/** An image reference; the Salesforce upstream cannot take these, so protocols refuse them early. */
export interface ImagePart {
  type: 'image';
  url: string;
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
export type ContentPart = TextPart | ImagePart | ToolCallPart | ToolResultPart;

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
  /** The request field that held this tool's JSON Schema, e.g. `tools[3].function.parameters`; names it in errors. */
  schemaField?: string;
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
      /** The request field that held the schema, e.g. `response_format.json_schema.schema`; names it in errors. */
      schemaField?: string;
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
  /** The wire name the client gave the token limit, for reporting it as ignored; default max_tokens. */
  maxOutputTokensField?: string;
  sampling: SamplingSettings;
  /** Wire names of request fields the gateway accepted but cannot pass on; reported to the client. */
  ignoredFields: string[];
}

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
  content: Array<TextPart | ToolCallPart>;
  finishReason: FinishReason;
  usage: Usage;
}

/** Neutral streaming events (noun-verb). Every stream ends with exactly one finish or one error. */
export type StreamEvent =
  | { type: 'response-start'; id: string; servedModel: string; created: number; usage: Usage }
  | { type: 'text-start'; index: number }
  | { type: 'text-delta'; index: number; delta: string }
  | { type: 'text-end'; index: number }
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
  /** The wire name the client gave the token limit, for reporting it as ignored; default max_tokens. */
  maxOutputTokensField?: string;
  sampling: SamplingSettings;
  /** Wire names of request fields the gateway accepted but cannot pass on; reported to the client. */
  ignoredFields: string[];
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
}
