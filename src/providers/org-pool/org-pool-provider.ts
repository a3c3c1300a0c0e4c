import { GatewayError } from '../../core/errors.ts';
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
} from '../../core/model.ts';
import type { CallContext, Provider, ProviderCapabilities } from '../../core/provider.ts';
import { callWithFailover, type FailoverPool } from './call-with-failover.ts';
import { GenerationOrigins } from './generation-origins.ts';
import type { PoolMember } from './org-pool-types.ts';
import type { OrgRouter } from './org-router.ts';
import { streamWithFailover } from './stream-with-failover.ts';

/** Options of an org pool provider. */
export interface OrgPoolProviderOptions {
  /** Told about every move from a failed org to the next (e.g. for a metric). */
  onFailover?: (org: string, error: GatewayError) => void;
  /** Where the org behind each answer's generation id is kept for feedback; shared by a pool's surfaces. */
  generationOrigins?: GenerationOrigins;
}

/** One surface's provider over several orgs: each call goes to the org the router picks, and on to
 * the next org when that org is rate limited, refused, missing the model or failing. */
export class OrgPoolProvider implements Provider {
  readonly name: string;
  readonly capabilities: ProviderCapabilities;
  readonly streamChat?: (request: ChatRequest, context: CallContext) => AsyncIterable<StreamEvent>;
  readonly streamGenerate?: (
    request: TextGenerationRequest,
    context: CallContext,
  ) => AsyncIterable<StreamEvent>;
  readonly submitFeedback?: (request: FeedbackRequest, context: CallContext) => Promise<FeedbackResult>;
  readonly #members: readonly PoolMember[];
  readonly #first: Provider;
  readonly #pool: FailoverPool;
  readonly #generationOrigins: GenerationOrigins;

  constructor(members: readonly PoolMember[], router: OrgRouter, options: OrgPoolProviderOptions = {}) {
    const first = members[0]?.provider;
    if (first === undefined) throw new Error('An org pool needs at least one org.');
    this.#members = members;
    this.#first = first;
    this.#generationOrigins = options.generationOrigins ?? new GenerationOrigins();
    this.#pool = {
      router,
      providerByOrg: new Map(members.map((member) => [member.org, member.provider])),
      onFailover: options.onFailover,
    };
    // All members are the same kind of provider, so the first one tells what the pool can do.
    this.name = first.name;
    this.capabilities = first.capabilities;
    if (first.streamChat) {
      this.streamChat = (request, context) =>
        streamWithFailover(this.#pool, request.model, context, (provider) =>
          provider.streamChat?.(request, context),
        );
    }
    if (first.streamGenerate) {
      this.streamGenerate = (request, context) =>
        streamWithFailover(this.#pool, request.model, context, (provider) =>
          provider.streamGenerate?.(request, context),
        );
    }
    if (first.submitFeedback) {
      this.submitFeedback = (request, context) => this.#submitFeedback(request, context);
    }
  }

  chat(request: ChatRequest, context: CallContext): Promise<ChatResult> {
    return this.#answer(request.model, context, (provider) => provider.chat(request, context));
  }

  generate(request: TextGenerationRequest, context: CallContext): Promise<ChatResult> {
    return this.#answer(request.model, context, (provider) => provider.generate(request, context));
  }

  async embed(request: EmbeddingRequest, context: CallContext): Promise<EmbeddingResult> {
    return (await this.#call(request.model, context, (provider) => provider.embed(request, context))).value;
  }

  listModels(): ModelInfo[] {
    return this.#first.listModels();
  }

  async close(): Promise<void> {
    await Promise.all(this.#members.map((member) => member.provider.close()));
  }

  async #call<T>(
    model: string,
    context: CallContext,
    attempt: (provider: Provider) => Promise<T>,
  ): Promise<{ org: string; value: T }> {
    const answered = await callWithFailover(this.#pool, model, context, attempt);
    this.#pool.router.end(answered.org, 'answered');
    return answered;
  }

  async #answer(
    model: string,
    context: CallContext,
    attempt: (provider: Provider) => Promise<ChatResult>,
  ): Promise<ChatResult> {
    const { org, value } = await this.#call(model, context, attempt);
    if (value.generationId !== undefined) this.#generationOrigins.remember(value.generationId, org);
    return value;
  }

  // A generation id belongs to the org that generated it: feedback goes back there, cooling down or
  // not (feedback has its own limit). An id nobody recorded goes to the first org that takes
  // requests, which may refuse it; with every org cooling down, the first org is asked anyway.
  async #submitFeedback(request: FeedbackRequest, context: CallContext): Promise<FeedbackResult> {
    const origin = await this.#generationOrigins.orgOf(request.generationId);
    const provider =
      (origin === undefined ? undefined : this.#pool.providerByOrg.get(origin)) ??
      this.#members.find((member) => !this.#pool.router.isCoolingDown(member.org))?.provider ??
      this.#first;
    const submitted = provider.submitFeedback?.(request, context);
    if (submitted === undefined) {
      throw new GatewayError(
        'internal',
        `The org pool's provider "${provider.name}" cannot forward feedback, unlike the pool's first org.`,
      );
    }
    return submitted;
  }
}
