import { GatewayError } from './errors.ts';
import type { ModelInfo, ModelKind, ModelSurface } from './model.ts';

/** An alias's target: the upstream name alone, or the upstream name and the surface that serves it. */
export type ModelAliasTarget = string | { model: string; surface?: ModelSurface };

/** What the catalog is built from. */
export interface ModelCatalogOptions {
  /** Models the provider serves, listed under their upstream names. */
  upstreamModels: ModelInfo[];
  /** Public name -> upstream name, optionally with its surface. */
  aliases: Readonly<Record<string, ModelAliasTarget>>;
  /** Accepts a name that is neither listed nor aliased (e.g. any `sfdc_ai__…` API name). */
  resolveUnlisted?: (id: string) => ModelInfo | undefined;
  /** Whether `list()` shows a model (default: all); a hidden name still resolves. */
  isListed?: (model: ModelInfo) => boolean;
}

/** Public model names and aliases, resolved to upstream models. */
export class ModelCatalog {
  readonly #byId = new Map<string, ModelInfo>();
  readonly #byLowerCaseId = new Map<string, ModelInfo>();
  readonly #resolveUnlisted: ((id: string) => ModelInfo | undefined) | undefined;
  readonly #isListed: (model: ModelInfo) => boolean;

  constructor(options: ModelCatalogOptions) {
    this.#resolveUnlisted = options.resolveUnlisted;
    this.#isListed = options.isListed ?? (() => true);
    const upstreamByName = new Map(options.upstreamModels.map((model) => [model.upstreamModel, model]));
    for (const [alias, aliasTarget] of Object.entries(options.aliases)) {
      const { model: upstreamName, surface } =
        typeof aliasTarget === 'string' ? { model: aliasTarget, surface: undefined } : aliasTarget;
      const target = upstreamByName.get(upstreamName) ?? this.#resolveUnlisted?.(upstreamName);
      if (!target) continue;
      this.#add(surface === undefined ? { ...target, id: alias } : { ...target, id: alias, surface });
    }
    for (const model of options.upstreamModels) this.#add(model);
  }

  /** Every listed name: aliases first, then upstream names; an alias keeps the surface it asks for. */
  list(): ModelInfo[] {
    return [...this.#byId.values()].filter(this.#isListed);
  }

  /** The model behind a public name, or undefined. */
  find(id: string): ModelInfo | undefined {
    return this.#byId.get(id) ?? this.#byLowerCaseId.get(id.toLowerCase()) ?? this.#resolveUnlisted?.(id);
  }

  /** The model behind a public name, checked for the kind of call; throws a client-facing error otherwise. */
  resolve(id: string, kind: ModelKind): ModelInfo {
    const model = this.find(id);
    if (!model) {
      throw new GatewayError(
        'not_found',
        `The model '${id}' does not exist. GET /v1/models lists the available names; a Salesforce API name such as sfdc_ai__DefaultGPT4OmniMini also works.`,
        { param: 'model', code: 'model_not_found' },
      );
    }
    if (model.kind !== kind) {
      const purpose = { chat: 'chat', embedding: 'embeddings' };
      throw new GatewayError(
        'invalid_request',
        `The model '${id}' is for ${purpose[model.kind]} and cannot be used for ${purpose[kind]}; pick a model for ${purpose[kind]} from GET /v1/models.`,
        { param: 'model', code: 'model_not_supported' },
      );
    }
    return model;
  }

  #add(model: ModelInfo): void {
    if (this.#byId.has(model.id)) return;
    this.#byId.set(model.id, model);
    this.#byLowerCaseId.set(model.id.toLowerCase(), model);
  }
}
