import {
  buildEmulatedRequest,
  chatWithEmulation,
  type EmulationDependencies,
  needsEmulation,
} from '../emulation/emulated-chat.ts';
import { simulateStream } from '../streaming/simulate-stream.ts';
import { GatewayError } from './errors.ts';
import type {
  ChatRequest,
  ChatResult,
  EmbeddingRequest,
  EmbeddingResult,
  FeedbackRequest,
  FeedbackResult,
  Message,
  ModelInfo,
  StreamEvent,
  TextGenerationRequest,
} from './model.ts';
import type { ModelCatalog } from './model-catalog.ts';
import type { CallContext, Provider } from './provider.ts';
import { maxRequestSchemaCharacters, maxSchemaCharacters } from './schema-limits.ts';
import { applyStopSequences } from './stop-sequences.ts';
import type { TokenCounter } from './token-counter.ts';

/** What the pipeline is built from besides the provider and the catalog. */
export interface PipelineOptions {
  emulation: EmulationDependencies;
  tokenCounter: TokenCounter;
  /** Largest prompt, in tokens, sent upstream; larger ones get "prompt is too long". */
  promptTokenLimit: number;
}

/** Resolves the model, adapts the request to what the provider can do, and calls it. */
export class Pipeline {
  readonly #provider: Provider;
  readonly #catalog: ModelCatalog;
  readonly #emulation: EmulationDependencies;
  readonly #tokenCounter: TokenCounter;
  readonly #promptTokenLimit: number;

  constructor(provider: Provider, catalog: ModelCatalog, options: PipelineOptions) {
    this.#provider = provider;
    this.#catalog = catalog;
    this.#emulation = options.emulation;
    this.#tokenCounter = options.tokenCounter;
    this.#promptTokenLimit = options.promptTokenLimit;
  }

  /** One whole answer. */
  async chat(request: ChatRequest, context: CallContext): Promise<ChatResult> {
    return this.#complete(await this.#prepareChat(request), context);
  }

  /** A stream of events. Model and request problems throw on the first step, before any event,
   * so they reach the client as a plain HTTP error. */
  async *streamChat(request: ChatRequest, context: CallContext): AsyncIterable<StreamEvent> {
    const prepared = await this.#prepareChat(request);
    if (this.#provider.streamChat && !this.#needsEmulation(prepared)) {
      yield* this.#provider.streamChat(prepared, context);
      return;
    }
    yield* simulateStream(await this.#complete(prepared, context));
  }

  /** One whole answer to a bare prompt (legacy completions). */
  async generate(request: TextGenerationRequest, context: CallContext): Promise<ChatResult> {
    return this.#completeGeneration(this.#prepareGeneration(request), context);
  }

  /** A bare-prompt answer as a stream of events; request problems throw before any event. */
  streamGenerate(request: TextGenerationRequest, context: CallContext): AsyncIterable<StreamEvent> {
    const prepared = this.#prepareGeneration(request);
    const complete = () => this.#completeGeneration(prepared, context);
    return (async function* () {
      yield* simulateStream(await complete());
    })();
  }

  /** Forwards feedback on a generation to the upstream. */
  async submitFeedback(request: FeedbackRequest, context: CallContext): Promise<FeedbackResult> {
    if (!this.#provider.submitFeedback) {
      throw new GatewayError('not_found', `The ${this.#provider.name} upstream takes no feedback.`, {
        code: 'unsupported_endpoint',
      });
    }
    return this.#provider.submitFeedback(request, context);
  }

  /** Prompt tokens of a request as the upstream would receive it (instructions included). */
  async countTokens(request: ChatRequest): Promise<number> {
    const prepared = await this.#prepareChat(request);
    const upstream = this.#needsEmulation(prepared) ? buildEmulatedRequest(prepared) : prepared;
    return this.#tokenCounter.countMessages(upstream.messages);
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

  async #complete(request: ChatRequest, context: CallContext): Promise<ChatResult> {
    const callUpstream = async (upstreamRequest: ChatRequest) => {
      await this.#checkPromptLength(upstreamRequest);
      return this.#provider.chat(upstreamRequest, context);
    };
    const result = this.#needsEmulation(request)
      ? await chatWithEmulation(request, callUpstream, this.#emulation, context.logger)
      : await callUpstream(request);
    return this.#provider.capabilities.nativeStopSequences
      ? result
      : applyStopSequences(result, request.stopSequences);
  }

  #prepareGeneration(request: TextGenerationRequest): TextGenerationRequest {
    const model = this.#catalog.resolve(request.model, 'chat');
    this.#recordIgnoredSettings(request);
    return { ...request, model: model.upstreamModel };
  }

  async #completeGeneration(request: TextGenerationRequest, context: CallContext): Promise<ChatResult> {
    const prompt: Message = { role: 'user', content: [{ type: 'text', text: request.prompt }] };
    const limit = this.#promptTokenLimit;
    this.#checkTokenCount(await this.#tokenCounter.countMessages([prompt], { stopAbove: limit }));
    const result = await this.#provider.generate(request, context);
    return this.#provider.capabilities.nativeStopSequences
      ? result
      : applyStopSequences(result, request.stopSequences);
  }

  #needsEmulation(request: ChatRequest): boolean {
    const { nativeTools, nativeStructuredOutput } = this.#provider.capabilities;
    return !(nativeTools && nativeStructuredOutput) && needsEmulation(request);
  }

  // Records, on the client's request, every setting this provider cannot honour, so the route
  // can say so; never pretends a setting took effect.
  async #prepareChat(request: ChatRequest): Promise<ChatRequest> {
    const model = this.#catalog.resolve(request.model, 'chat');
    const { capabilities } = this.#provider;
    if (!capabilities.images) refuseImages(request);
    await this.#checkSchemas(request);
    this.#recordIgnoredSettings(request);
    return { ...request, model: model.upstreamModel };
  }

  #recordIgnoredSettings(request: ChatRequest | TextGenerationRequest): void {
    const { capabilities } = this.#provider;
    const ignored = request.ignoredFields;
    if (!capabilities.samplingSettings) {
      const sampling = request.sampling;
      if (sampling.temperature !== undefined) ignored.push('temperature');
      if (sampling.topP !== undefined) ignored.push('top_p');
      if (sampling.topK !== undefined) ignored.push('top_k');
      if (sampling.seed !== undefined) ignored.push('seed');
      if (sampling.presencePenalty !== undefined) ignored.push('presence_penalty');
      if (sampling.frequencyPenalty !== undefined) ignored.push('frequency_penalty');
    }
    if (!capabilities.nativeMaxTokens && request.maxOutputTokens !== undefined) {
      ignored.push(request.maxOutputTokensField ?? 'max_tokens');
    }
  }

  // Clients such as Claude Code compact their history when they read these exact words. Counting
  // stops once past the limit: a 10 MB prompt costs no more than one just over it.
  async #checkPromptLength(request: ChatRequest): Promise<void> {
    const limit = this.#promptTokenLimit;
    this.#checkTokenCount(await this.#tokenCounter.countMessages(request.messages, { stopAbove: limit }));
  }

  #checkTokenCount(tokens: number): void {
    if (tokens <= this.#promptTokenLimit) return;
    throw new GatewayError(
      'invalid_request',
      `prompt is too long: ${tokens} tokens > ${this.#promptTokenLimit} maximum`,
      {
        param: 'messages',
        code: 'context_length_exceeded',
      },
    );
  }

  // A schema the gateway cannot compile would make every answer fail validation: say so now,
  // naming the field the client sent it in. Sizes first, all of them, so an oversized request
  // costs one pass over its text and no compile.
  async #checkSchemas(request: ChatRequest): Promise<void> {
    const schemas = listSchemas(request);
    let totalCharacters = 0;
    for (const entry of schemas) {
      const characters = JSON.stringify(entry.schema).length;
      totalCharacters += characters;
      if (characters > maxSchemaCharacters) {
        throw schemaError(
          entry.field,
          `${entry.describe} ${entry.verb} too large: ${characters} characters of JSON, over the limit of ${maxSchemaCharacters} per schema; simplify it or split the tool.`,
          entry.code,
        );
      }
      if (totalCharacters > maxRequestSchemaCharacters) {
        throw schemaError(
          entry.field,
          `the schemas of this request add up to more than ${maxRequestSchemaCharacters} characters of JSON, the limit per request; send fewer or smaller tools.`,
          entry.code,
        );
      }
    }
    for (const entry of schemas) {
      const problem = await this.#emulation.validator.check(entry.schema);
      if (problem) {
        throw schemaError(
          entry.field,
          `${entry.describe} ${entry.verb} not a usable JSON Schema: ${problem}.`,
          entry.code,
        );
      }
    }
  }
}

interface SchemaEntry {
  schema: Record<string, unknown>;
  /** The client's own field, for the error (decoders drop hosted tools, so indexes can differ). */
  field: string;
  describe: string;
  verb: 'is' | 'are';
  code: string;
}

function listSchemas(request: ChatRequest): SchemaEntry[] {
  const entries: SchemaEntry[] = request.tools.map((tool, index) => ({
    schema: tool.parameters,
    field: tool.schemaField ?? `tools[${index}]`,
    describe: `The parameters of tool "${tool.name}"`,
    verb: 'are',
    code: 'invalid_tool_schema',
  }));
  const format = request.responseFormat;
  if (format.type === 'json-schema') {
    entries.push({
      schema: format.schema,
      field: format.schemaField ?? 'response_format',
      describe: `The response_format schema "${format.name}"`,
      verb: 'is',
      code: 'invalid_schema',
    });
  }
  return entries;
}

function schemaError(param: string, problem: string, code: string): GatewayError {
  return new GatewayError('invalid_request', `${param}: ${problem}`, { param, code });
}

function refuseImages(request: ChatRequest): void {
  request.messages.forEach((message, messageIndex) => {
    if (message.content.some((part) => part.type === 'image')) {
      throw new GatewayError(
        'invalid_request',
        `messages[${messageIndex}] contains an image, but the Salesforce Models API accepts text only; send the content as text.`,
        { param: `messages[${messageIndex}].content`, code: 'unsupported_content' },
      );
    }
  });
}
