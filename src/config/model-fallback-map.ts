import { z } from 'zod';
import { fromJsonText } from './setting-types.ts';

// MODEL_FALLBACKS maps a public model name to the public names tried after it, in order.
// Checked by hand, so that a mistake names its entry. Whether the names exist is the catalog's
// question, answered when the gateway starts.

const shape = 'must be a JSON object of public model name -> the public names tried after it, in order';

/** The MODEL_FALLBACKS value, from the environment's JSON text or the file's object. */
export const modelFallbackMap = fromJsonText(
  z.unknown().transform((value, context): Record<string, string[]> => {
    const problem = describeFallbackProblem(value);
    if (problem === undefined) return value as Record<string, string[]>;
    context.issues.push({ code: 'custom', message: problem, input: value });
    return z.NEVER;
  }),
);

/** What is wrong with a MODEL_FALLBACKS value, naming the entry and the fix; undefined when it is valid. */
export function describeFallbackProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return shape;
  for (const [model, fallbacks] of Object.entries(value)) {
    const problem = describeListProblem(model, fallbacks);
    if (problem !== undefined) return `${shape}: ${JSON.stringify(model)} ${problem}`;
  }
  return undefined;
}

function describeListProblem(model: string, fallbacks: unknown): string | undefined {
  if (model === '') return 'is an empty model name';
  const isNameList =
    Array.isArray(fallbacks) &&
    fallbacks.length > 0 &&
    fallbacks.every((name) => typeof name === 'string' && name !== '');
  if (!isNameList) return 'must map to a non-empty array of model names';
  if (fallbacks.includes(model)) return 'lists itself; a model cannot be its own fallback';
  const repeated = fallbacks.find((name, index) => fallbacks.indexOf(name) !== index);
  if (repeated !== undefined) return `lists ${JSON.stringify(repeated)} twice; name each fallback once`;
  return undefined;
}
