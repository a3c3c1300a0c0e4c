import { z } from 'zod';
import type { UpstreamApi } from './native-settings.ts';
import { fromJsonText } from './setting-types.ts';

// MODEL_ALIASES maps a public name to a Salesforce API name, or to an object that also picks
// the surface the alias is served on. Checked by hand, so that a mistake names its alias.

/** One alias as configured: the API name alone, or the API name with the surface that serves it. */
export type ModelAliasSetting = string | { model: string; surface?: UpstreamApi };

const surfaces: readonly UpstreamApi[] = ['models', 'native', 'auto'];
const shape =
  'must be a JSON object mapping each alias to a Salesforce API name or to {"model": "<API name>", "surface": "models" | "native" | "auto"}';

/** The MODEL_ALIASES value, from the environment's JSON text or the file's object. */
export const modelAliasMap = fromJsonText(
  z.unknown().transform((value, context): Record<string, ModelAliasSetting> => {
    const problem = describeAliasProblem(value);
    if (problem === undefined) return value as Record<string, ModelAliasSetting>;
    context.issues.push({ code: 'custom', message: problem, input: value });
    return z.NEVER;
  }),
);

/** What is wrong with a MODEL_ALIASES value, naming the alias and the fix; undefined when it is valid. */
export function describeAliasProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) return shape;
  for (const [alias, target] of Object.entries(value)) {
    const problem = describeTargetProblem(target);
    if (problem !== undefined) return `${shape}: alias ${JSON.stringify(alias)} ${problem}`;
  }
  return undefined;
}

function describeTargetProblem(target: unknown): string | undefined {
  if (typeof target === 'string') return target === '' ? 'maps to an empty name' : undefined;
  if (!isPlainObject(target)) return 'maps to neither a string nor an object';
  const unknownKeys = Object.keys(target).filter((key) => key !== 'model' && key !== 'surface');
  if (unknownKeys.length > 0) {
    return `has unknown key ${JSON.stringify(unknownKeys[0])}; only "model" and "surface" are allowed`;
  }
  if (typeof target.model !== 'string' || target.model === '') {
    return 'needs "model": the Salesforce API name it stands for, e.g. sfdc_ai__DefaultGPT4Omni';
  }
  const { surface } = target;
  if (surface !== undefined && !surfaces.includes(surface as UpstreamApi)) {
    return `has surface ${JSON.stringify(surface)}; use models, native or auto, or leave it out for UPSTREAM_API`;
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
