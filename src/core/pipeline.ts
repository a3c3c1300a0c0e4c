import { GatewayError, type RequestTarget } from './errors.ts';
import type {
  ChatRequest,
  ChatResult,
  EmbeddingRequest,
  EmbeddingResult,
  FeedbackRequest,
  FeedbackResult,
  ModelInfo,
  ReasoningSettings,
  RequestSetting,
  SamplingSettings,
  StreamEvent,
  TextGenerationRequest,
} from './model.ts';
import type { ModelCatalog } from './model-catalog.ts';
import {
  type FallbackListener,
  type ModelAttempt,
  ModelFallbacks,
  type ModelFallbackTable,
} from './model-fallbacks.ts';
import { buildPipelineAttempts, type PipelineAttempts } from './pipeline-attempts.ts';
import type { CallContext, Provider } from './provider.ts';
import { runWithinDeadline } from './request-deadline.ts';
import { maxRequestSchemaCharacters, maxSchemaCharacters } from './schema-limits.ts';
import { schemaText } from './schema-text.ts';
import { resumeWhenPulled } from './started-stream.ts';

/** Judges a client's JSON Schema: why it cannot be used, or undefined when it can. */
export interface SchemaChecker {
  check(schema: Record<string, unknown>): Promise<string | undefined>;
}

/** The part of a call context that hears about settings the provider cannot honour. */
type WarningListener = Pick<CallContext, 'onWarning'>;

// Sampling settings in the order they are reported.
const samplingSettingNames = [
  'temperature',
  'topP',
  'topK',
  'seed',
  'presencePenalty',
  'frequencyPenalty',
] as const satisfies ReadonlyArray<keyof SamplingSettings & RequestSetting>;

/** What the pipeline is built from besides the provider and the catalog. */
export interface PipelineOptions {
  schemaChecker: SchemaChecker;
  /** MODEL_FALLBACKS: public name -> the public names tried in order when the upstream fails for it. */
  fallbacks?: ModelFallbackTable;
  /** REQUEST_DEADLINE_MS: one time budget per request, until the answer or a stream's first event; 0 or absent: none. */
  deadlineMs?: number;
  /** Told each time a request falls back from one public model to the next. */
  onFallback?: FallbackListener;
}

/**
 * Resolves the model, checks the request against what the provider accepts, and calls the
 * provider, moving on to the model's fallbacks when the upstream fails, all within one request
 * deadline. The gateway hands it a provider already wrapped for what the upstream lacks
 * (emulation, simulated streaming, prompt limit, stop sequences).
 */
export class Pipeline {
  readonly #provider: Provider;
  readonly #catalog: ModelCatalog;
  readonly #schemaChecker: SchemaChecker;
  readonly #fallbacks: ModelFallbacks;
  readonly #deadlineMs: number;
  readonly #attempts: PipelineAttempts;

  /** Throws a plain Error naming MODEL_FALLBACKS when a name in `options.fallbacks` is not a chat model of the catalog. */
  constructor(provider: Provider, catalog: ModelCatalog, options: PipelineOptions) {
    this.#provider = provider;
    this.#catalog = catalog;
    this.#schemaChecker = options.schemaChecker;
    this.#fallbacks = new ModelFallbacks(catalog, options.fallbacks ?? {}, options.onFallback);
    this.#deadlineMs = options.deadlineMs ?? 0;
    this.#attempts = buildPipelineAttempts(provider, {
      chat: (request, context) => this.#prepareChat(request, context),
      generation: (request, context) => this.#prepareGeneration(request, context),
    });
  }

  /** One whole answer. */
  chat(request: ChatRequest, context: CallContext): Promise<ChatResult> {
    return this.#run(request, context, this.#attempts.chat);
  }

  /** A stream of events. Model and request problems, and an upstream that fails before the first
   * event (on every fallback), throw on the first step, so they reach the client as a plain HTTP error. */
  streamChat(request: ChatRequest, context: CallContext): AsyncIterable<StreamEvent> {
    const attempt = this.#attempts.streamChat;
    return resumeWhenPulled(() =>
      attempt ? this.#run(request, context, attempt) : this.#refuseChatStream(request, context),
    );
  }

  /** One whole answer to a bare prompt (legacy completions). */
  generate(request: TextGenerationRequest, context: CallContext): Promise<ChatResult> {
    return this.#run(request, context, this.#attempts.generation);
  }

  /** A bare-prompt answer as a stream of events; request problems throw before any event. */
  streamGenerate(request: TextGenerationRequest, context: CallContext): AsyncIterable<StreamEvent> {
    const attempt = this.#attempts.streamGeneration;
    if (!attempt) throw this.#unsupported('streams no completions');
    return resumeWhenPulled(() => this.#run(request, context, attempt));
  }

  /** Forwards feedback on a generation to the upstream. */
  async submitFeedback(request: FeedbackRequest, context: CallContext): Promise<FeedbackResult> {
    const { submitFeedback } = this.#provider;
    if (!submitFeedback) throw this.#unsupported('takes no feedback');
    return submitFeedback.call(this.#provider, request, context);
  }

  /** Prompt tokens of a request as the upstream would receive it (instructions included). */
  async countTokens(request: ChatRequest): Promise<number> {
    const prepared = await this.#prepareChat(request, {});
    const { countPromptTokens } = this.#provider;
    if (!countPromptTokens) throw this.#unsupported('counts no tokens');
    return countPromptTokens.call(this.#provider, prepared);
  }

  /** Embedding vectors for each input. */
  async embed(request: EmbeddingRequest, context: CallContext): Promise<EmbeddingResult> {
    const model = this.#catalog.resolve(request.model, 'embedding');
    return this.#provider.embed({ ...request, model: model.upstreamModel }, context);
  }

  listModels(): ModelInfo[] {
    return this.#catalog.list();
  }

  findModel(id: string): ModelInfo | undefined {
    return this.#catalog.find(id);
  }

  // Fallbacks inside the deadline: the budget covers every model tried.
  #run<Request extends { model: string }, Result>(
    request: Request,
    context: CallContext,
    attempt: ModelAttempt<Request, Result>,
  ): Promise<Result> {
    if (this.#deadlineMs === 0) return this.#fallbacks.run(request, context, attempt);
    return runWithinDeadline(context, this.#deadlineMs, (bounded) =>
      this.#fallbacks.run(request, bounded, attempt),
    );
  }

  // The request's own problems are told first, as by an upstream that streams.
  async #refuseChatStream(request: ChatRequest, context: CallContext): Promise<never> {
    await this.#prepareChat(request, context);
    throw this.#unsupported('streams no chats');
  }

  #unsupported(what: string): GatewayError {
    return new GatewayError('not_found', `The ${this.#provider.name} upstream ${what}.`, {
      code: 'unsupported_endpoint',
    });
  }

  #prepareGeneration(request: TextGenerationRequest, context: WarningListener): TextGenerationRequest {
    const model = this.#catalog.resolve(request.model, 'chat');
    this.#reportIgnoredSettings(request, context);
    return resolvedFor(request, model);
  }

  async #prepareChat(request: ChatRequest, context: WarningListener): Promise<ChatRequest> {
    const model = this.#catalog.resolve(request.model, 'chat');
    const { capabilities } = this.#provider;
    if (!capabilities.images) refuseImages(request);
    await this.#checkSchemas(request);
    this.#reportIgnoredSettings(request, context);
    return resolvedFor(request, model);
  }

  // Tells the route every setting this provider cannot honour, so the client hears of it; never
  // pretends a setting took effect.
  #reportIgnoredSettings(request: ChatRequest | TextGenerationRequest, context: WarningListener): void {
    const { capabilities } = this.#provider;
    const ignored = (setting: RequestSetting) => context.onWarning?.({ type: 'ignored-setting', setting });
    if (!capabilities.samplingSettings) {
      for (const setting of samplingSettingNames) {
        if (request.sampling[setting] !== undefined) ignored(setting);
      }
    }
    if (!capabilities.nativeMaxTokens && request.maxOutputTokens !== undefined) ignored('maxOutputTokens');
    if (!capabilities.reasoning && 'reasoning' in request) reportIgnoredReasoning(request.reasoning, ignored);
  }

  // A schema the gateway cannot compile would make every answer fail validation: say so now,
  // naming the field the client sent it in. Sizes first, all of them, so an oversized request
  // costs one pass over its text and no compile.
  async #checkSchemas(request: ChatRequest): Promise<void> {
    const schemas = listSchemas(request);
    let totalCharacters = 0;
    for (const entry of schemas) {
      const characters = schemaText(entry.schema).length;
      totalCharacters += characters;
      if (characters > maxSchemaCharacters) {
        throw schemaError(
          entry,
          `${entry.describe} ${entry.verb} too large: ${characters} characters of JSON, over the limit of ${maxSchemaCharacters} per schema; simplify it or split the tool.`,
        );
      }
      if (totalCharacters > maxRequestSchemaCharacters) {
        throw schemaError(
          entry,
          `the schemas of this request add up to more than ${maxRequestSchemaCharacters} characters of JSON, the limit per request; send fewer or smaller tools.`,
        );
      }
    }
    for (const entry of schemas) {
      const problem = await this.#schemaChecker.check(entry.schema);
      if (problem) {
        throw schemaError(entry, `${entry.describe} ${entry.verb} not a usable JSON Schema: ${problem}.`);
      }
    }
  }
}

// The catalog's answer goes down on the request itself: the upstream name, and the surface only
// when the alias asked for one. The request, not the call context, because it is the same
// resolution as the model name and every wrapper already carries the request's fields down.
function resolvedFor<T extends ChatRequest | TextGenerationRequest>(request: T, model: ModelInfo): T {
  const { surface: _unset, ...rest } = request;
  const resolved = { ...rest, model: model.upstreamModel } as T;
  if (model.surface !== undefined) resolved.surface = model.surface;
  return resolved;
}

// Reasoning that is on stands for its effort too, so the effort is named on its own only when
// the client set one with reasoning off (Anthropic's output_config.effort works without thinking).
function reportIgnoredReasoning(
  reasoning: ReasoningSettings | undefined,
  ignored: (setting: RequestSetting) => void,
): void {
  if (!reasoning) return;
  if (reasoning.mode !== 'disabled') ignored('reasoning');
  else if (reasoning.effort !== undefined) ignored('reasoningEffort');
}

interface SchemaEntry {
  schema: Record<string, unknown>;
  /** What the schema belongs to; the route names it by the client's own field. */
  target: RequestTarget;
  describe: string;
  verb: 'is' | 'are';
  code: string;
}

function listSchemas(request: ChatRequest): SchemaEntry[] {
  const entries: SchemaEntry[] = request.tools.map((tool, index) => ({
    schema: tool.parameters,
    target: { type: 'tool-parameters', index },
    describe: `The parameters of tool "${tool.name}"`,
    verb: 'are',
    code: 'invalid_tool_schema',
  }));
  const format = request.responseFormat;
  if (format.type === 'json-schema') {
    entries.push({
      schema: format.schema,
      target: { type: 'response-schema' },
      describe: `The response_format schema "${format.name}"`,
      verb: 'is',
      code: 'invalid_schema',
    });
  }
  return entries;
}

function schemaError(entry: SchemaEntry, problem: string): GatewayError {
  return new GatewayError('invalid_request', problem, { target: entry.target, code: entry.code });
}

// The first image is the one refused: image index 0, which the route names by the client's own
// path to that part.
function refuseImages(request: ChatRequest): void {
  if (!request.messages.some((message) => message.content.some((part) => part.type === 'image'))) return;
  throw new GatewayError(
    'invalid_request',
    'This part is an image, but the model behind this gateway accepts text only; send the content as text.',
    { target: { type: 'image', index: 0 }, code: 'unsupported_content' },
  );
}
