import type { Logger } from 'pino';
import type {
  ChatRequest,
  ChatResult,
  EmbeddingRequest,
  EmbeddingResult,
  FeedbackRequest,
  FeedbackResult,
  ModelInfo,
  StreamEvent,
  TextGenerationRequest,
  Warning,
} from './model.ts';

/** What a provider can do natively; the gateway wraps it to emulate the rest, the pipeline refuses or reports it. */
export interface ProviderCapabilities {
  nativeTools: boolean;
  /** response_format json_object / json_schema is enforced by the upstream. */
  nativeStructuredOutput: boolean;
  nativeStreaming: boolean;
  nativeStopSequences: boolean;
  nativeMaxTokens: boolean;
  /** Temperature, top_p and the like take effect. */
  samplingSettings: boolean;
  images: boolean;
  /** Reasoning settings take effect and the upstream can return its reasoning. */
  reasoning: boolean;
  embeddings: boolean;
  /** Feedback on generations can be forwarded. */
  feedback: boolean;
}

/** Accumulates the time a request spends waiting on the upstream, so the gateway can report its own share. */
export interface UpstreamWaitTimer {
  /** Starts a wait and returns the function that ends it; overlapping waits count once. */
  begin(): () => void;
}

/** Per-call context handed down from the route. */
export interface CallContext {
  requestId: string;
  /** Aborted when the client goes away; the upstream call must stop. */
  signal: AbortSignal;
  logger: Logger;
  /** Characters in the prompt, used to scale upstream timeouts. */
  promptCharacters: number;
  /** Told about every wait on the upstream (token, API call, retry back-off); absent when nobody measures. */
  upstreamWait?: UpstreamWaitTimer;
  /** Told about every setting the gateway could not honour as asked, before the answer starts; the route reports them. */
  onWarning?: (warning: Warning) => void;
  /** Told the public model a request moved to after its own failed upstream (MODEL_FALLBACKS); the route names it as the answering model. */
  onModelFallback?: (publicModel: string) => void;
  /** How this call may use the response cache, when there is one. */
  cache?: CachePermission;
  /** Told, for each upstream call the response cache saw, whether it answered it. */
  onCacheOutcome?: (outcome: CacheOutcome) => void;
}

/** What a caller lets the response cache do: who is asking, and whether to read and keep answers. */
export interface CachePermission {
  /** The API key's name ('' without keys): unless the cache is shared, answers are reused only for the same caller. */
  caller: string;
  /** False: answer from the upstream even when a cached answer exists (Cache-Control: no-cache). */
  lookup: boolean;
  /** False: do not keep this answer (Cache-Control: no-store). */
  store: boolean;
}

/** hit: answered from the cache; miss: from the upstream, then kept; bypass: the caller asked to skip it. */
export type CacheOutcome = 'hit' | 'miss' | 'bypass';

/** An upstream that can serve chat and, optionally, embeddings. */
export interface Provider {
  readonly name: string;
  readonly capabilities: ProviderCapabilities;
  /** One whole chat answer; `request.model` is already the upstream model name. */
  chat(request: ChatRequest, context: CallContext): Promise<ChatResult>;
  /** A stream of events; providers without native streaming leave this out and get wrapped in simulated streaming. */
  streamChat?(request: ChatRequest, context: CallContext): AsyncIterable<StreamEvent>;
  /** One whole answer to a bare prompt; `request.model` is already the upstream model name. */
  generate(request: TextGenerationRequest, context: CallContext): Promise<ChatResult>;
  /** A bare-prompt answer as a stream of events; added by simulated streaming. */
  streamGenerate?(request: TextGenerationRequest, context: CallContext): AsyncIterable<StreamEvent>;
  /** Prompt tokens of a chat request as the upstream would receive it; added by the prompt limit. */
  countPromptTokens?(request: ChatRequest): Promise<number>;
  embed(request: EmbeddingRequest, context: CallContext): Promise<EmbeddingResult>;
  /** Forwards feedback on a generation; present when capabilities.feedback is true. */
  submitFeedback?(request: FeedbackRequest, context: CallContext): Promise<FeedbackResult>;
  /** Models the provider knows it can serve, by upstream name. */
  listModels(): ModelInfo[];
  /** Release pools and timers. */
  close(): Promise<void>;
}
