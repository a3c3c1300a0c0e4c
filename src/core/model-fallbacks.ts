// MODEL_FALLBACKS: when the upstream fails a request for its model (throttled, down, timed out,
// failing, or the model missing there), the request is planned again for the next public name of
// that model's list and sent again, until one answers or the list ends; then the last failure is
// what the client hears. Only the requested model's own list is followed. A client that left or a
// request past its deadline moves on to nothing.
import { type ErrorKind, GatewayError } from './errors.ts';
import type { ModelCatalog } from './model-catalog.ts';
import type { CallContext } from './provider.ts';

/** Public model name -> the public names tried after it, in order. */
export type ModelFallbackTable = Readonly<Record<string, readonly string[]>>;

/** Told each time a request moves from one public model to the next, with the failure that moved it. */
export type FallbackListener = (from: string, to: string, error: GatewayError) => void;

/** One try of a request on the model it names. */
export interface ModelAttempt<Request, Result> {
  /** Plans the request for its model (resolve, checks, ignored settings); a throw here ends the request. */
  prepare(request: Request, context: CallContext): Request | Promise<Request>;
  /** Sends the planned request; an upstream failure here may move the request to the next model. */
  send(planned: Request, context: CallContext): Promise<Result>;
}

// The catalog's own not_found (an unknown name) is raised while planning and never gets here; a
// not_found from the upstream means this org or surface lacks the model, which another may have.
const fallbackKinds: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  'rate_limit',
  'upstream_unavailable',
  'upstream_timeout',
  'upstream_error',
  'not_found',
]);

/** The fallback lists of MODEL_FALLBACKS, keyed by the catalog's canonical names, and the loop that follows them. */
export class ModelFallbacks {
  readonly #catalog: ModelCatalog;
  readonly #listsByModel = new Map<string, readonly string[]>();
  readonly #onFallback: FallbackListener | undefined;

  /** Throws a plain Error naming MODEL_FALLBACKS when a name in it is not a chat model of the catalog. */
  constructor(catalog: ModelCatalog, table: ModelFallbackTable, onFallback?: FallbackListener) {
    this.#catalog = catalog;
    this.#onFallback = onFallback;
    for (const [model, fallbacks] of Object.entries(table)) {
      const id = canonicalChatModel(catalog, model, `the key '${model}'`);
      const ids = fallbacks.map((name) =>
        canonicalChatModel(catalog, name, `'${name}', listed for '${model}',`),
      );
      const itself = ids.indexOf(id);
      if (itself !== -1) {
        throw new Error(
          `MODEL_FALLBACKS: the list for '${model}' names that model itself as '${fallbacks[itself]}' (names match case-insensitively); remove it from its own list.`,
        );
      }
      // Names that differ only in case are one model, tried once.
      if (ids.length > 0) this.#listsByModel.set(id, [...new Set(ids)]);
    }
  }

  /** Plans and sends `request` for its model, then for each fallback while the failure allows it;
   * without MODEL_FALLBACKS a request pays nothing, with it one catalog lookup. */
  async run<Request extends { model: string }, Result>(
    request: Request,
    context: CallContext,
    attempt: ModelAttempt<Request, Result>,
  ): Promise<Result> {
    const model = this.#listsByModel.size === 0 ? undefined : this.#catalog.find(request.model)?.id;
    const fallbacks = model === undefined ? undefined : this.#listsByModel.get(model);
    const planned = await attempt.prepare(request, context);
    if (model === undefined || fallbacks === undefined) return attempt.send(planned, context);
    return this.#follow(request, planned, model, fallbacks, context, attempt);
  }

  async #follow<Request extends { model: string }, Result>(
    request: Request,
    planned: Request,
    model: string,
    fallbacks: readonly string[],
    context: CallContext,
    attempt: ModelAttempt<Request, Result>,
  ): Promise<Result> {
    let from = model;
    let current = planned;
    for (const to of fallbacks) {
      try {
        return await attempt.send(current, context);
      } catch (error) {
        if (!movesOn(error, context.signal)) throw error;
        current = await attempt.prepare({ ...request, model: to }, context);
        this.#onFallback?.(from, to, error);
        context.onModelFallback?.(to);
        from = to;
      }
    }
    return attempt.send(current, context);
  }
}

function movesOn(error: unknown, signal: AbortSignal): error is GatewayError {
  return error instanceof GatewayError && fallbackKinds.has(error.kind) && !signal.aborted;
}

function canonicalChatModel(catalog: ModelCatalog, name: string, described: string): string {
  const model = catalog.find(name);
  if (model?.kind === 'chat') return model.id;
  const problem = model ? 'is an embeddings model' : 'is not a model this gateway knows';
  throw new Error(
    `MODEL_FALLBACKS: ${described} ${problem}; use a chat model name that GET /v1/models lists (an alias or a Salesforce API name), or remove it.`,
  );
}
