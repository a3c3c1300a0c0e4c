import { z } from 'zod';

// Bounds that every protocol's request shares. They refuse values no model could honour, and keep
// a client's runaway input (a megabyte model name) out of the messages and logs that name it.

/** Longest model name accepted; real names and aliases are well under 100 characters. */
export const maximumModelNameLength = 256;

/** Largest output token limit accepted: over ten times what any model behind the gateway can
 * write, so that only a unit mistake (bytes, milliseconds) or an overflow is refused. */
export const maximumOutputTokens = 1_000_000;

/** A model name. It becomes part of an upstream URL, and a lone UTF-16 surrogate (JSON's
 * `"\ud800"`) has no UTF-8 form to put there, so such a name is refused as bad input. */
export const modelNameSchema = z
  .string()
  .min(1)
  .max(maximumModelNameLength)
  .refine((name) => name.isWellFormed(), {
    error:
      'it contains a lone UTF-16 surrogate (an unpaired \\ud800-\\udfff escape); send well-formed Unicode',
  });

/** A tool name as OpenAI and Anthropic both define it: 1 to 64 letters, digits, `_` or `-`. */
export const toolNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-zA-Z0-9_-]+$/, 'it may contain only letters, digits, underscores and hyphens');

/** An output token limit (max_tokens and its synonyms). */
export const outputTokensSchema = z.int().positive().max(maximumOutputTokens);

/** Longest stop sequence accepted: real ones are markers such as "\n\nHuman:" or "</answer>",
 * and each is searched for over the whole answer. */
export const maximumStopSequenceLength = 256;

/** One stop sequence. */
export const stopSequenceSchema = z.string().max(maximumStopSequenceLength);

/** A list of at most `maximumCount` stop sequences. */
export function stopSequenceListSchema(maximumCount: number) {
  return z.array(stopSequenceSchema).max(maximumCount);
}

/** A reasoning effort as OpenAI and Anthropic name them, from none to max. */
export const reasoningEffortSchema = z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']);
