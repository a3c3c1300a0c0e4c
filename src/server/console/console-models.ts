import type { ModelInfo } from '../../core/model.ts';
import type { ConsoleModel } from './console-api-types.ts';

/**
 * The catalog as the console shows it. The surface is the model's own (an alias may ask for one),
 * else UPSTREAM_API's, where auto tries the native surface first; embeddings only exist on the
 * Models API. What each surface does itself follows the providers' capabilities: the Models API
 * calls no tools and streams nothing (the gateway emulates and simulates), the native surface
 * does both; neither enforces structured output, which the gateway validates.
 */
export function listConsoleModels(
  models: readonly ModelInfo[],
  defaultSurface: 'models' | 'native' | 'auto',
): ConsoleModel[] {
  const namesByUpstream = new Map<string, string[]>();
  for (const model of models) {
    const names = namesByUpstream.get(model.upstreamModel) ?? [];
    names.push(model.id);
    namesByUpstream.set(model.upstreamModel, names);
  }
  return models.map((model) => {
    const requested = model.surface ?? defaultSurface;
    const surface = model.kind === 'embedding' || requested === 'models' ? 'models' : 'native';
    return {
      id: model.id,
      upstreamModel: model.upstreamModel,
      // the upstream name has its own column: aliases are the other names clients may send
      aliases: (namesByUpstream.get(model.upstreamModel) ?? []).filter(
        (name) => name !== model.id && name !== model.upstreamModel,
      ),
      surface,
      kind: model.kind,
      capabilities: {
        tools: surface === 'native' ? 'native' : 'emulated',
        streaming: surface === 'native' ? 'native' : 'simulated',
        structuredOutput: 'emulated',
      },
    };
  });
}
