import { reroutedModels, salesforceModels } from './model-catalog.ts';
import type { ModelDefinition, ModelFamily } from './model-definition.ts';

/** Naming of `parameters.usage`: OpenAI's snake_case, the camelCase counts seen on other providers, or `none` (usage null). */
export type UsageStyle = 'snake_case' | 'camelCase' | 'none';

/** A model name as resolved for one request. */
export interface ResolvedModel {
  /** The definition that actually serves the request (the replacement, for a rerouted name). */
  served: ModelDefinition;
  usageStyle: UsageStyle;
}

/** Looks model names up, follows reroutes and tracks the per-model usage naming. */
export class ModelRegistry {
  readonly #models = new Map<string, ModelDefinition>();
  readonly #initialUsageStyles: Record<string, UsageStyle>;
  #usageStyles: Record<string, UsageStyle>;

  constructor(extraModels: readonly ModelDefinition[], usageStyles: Record<string, UsageStyle>) {
    for (const model of [...salesforceModels, ...extraModels]) this.#models.set(model.name, model);
    this.#initialUsageStyles = { ...usageStyles };
    this.#usageStyles = { ...usageStyles };
  }

  /** The model that serves `name`, or undefined when the org has no such model. */
  resolve(name: string): ResolvedModel | undefined {
    const served = this.#models.get(reroutedModels[name] ?? name);
    if (served === undefined) return undefined;
    return { served, usageStyle: this.#usageStyles[served.name] ?? defaultUsageStyle(served.family) };
  }

  /** Names of every model served directly (rerouted names not included). */
  names(): string[] {
    return [...this.#models.keys()];
  }

  /** Switches the usage naming of one model (by its served name). */
  setUsageStyle(name: string, style: UsageStyle): void {
    this.#usageStyles[name] = style;
  }

  /** Restores the usage naming given at start-up. */
  reset(): void {
    this.#usageStyles = { ...this.#initialUsageStyles };
  }
}

// OpenAI-backed models report OpenAI's usage object; practitioners read camelCase counts from the others.
function defaultUsageStyle(family: ModelFamily): UsageStyle {
  return family === 'openai' ? 'snake_case' : 'camelCase';
}
