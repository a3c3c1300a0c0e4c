import { z } from 'zod';

// Object schemas strip unknown keys: the Models API silently ignores fields it does not know.
const localizationSchema = z.object({
  defaultLocale: z.string(),
  inputLocales: z
    .array(z.object({ locale: z.string(), probability: z.number().min(0).max(1).optional() }))
    .optional(),
  expectedLocales: z.array(z.string()).optional(),
});

const sharedFields = {
  localization: localizationSchema.optional(),
  tags: z.record(z.string(), z.unknown()).optional(),
};

/** Body of `POST /models/{model}/generations`. */
export const generationsRequestSchema = z.object({ prompt: z.string(), ...sharedFields });

/** Body of `POST /models/{model}/chat-generations`: string content only, three roles only. */
export const chatGenerationsRequestSchema = z.object({
  messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })).min(1),
  ...sharedFields,
});

/** Body of `POST /models/{model}/embeddings`: a list of strings (a bare string is rejected). */
export const embeddingsRequestSchema = z.object({ input: z.array(z.string()).min(1), ...sharedFields });

/** Body of `POST /feedback`: the docs require the feedback id and the generation id. */
export const feedbackRequestSchema = z.object({ id: z.string(), generationId: z.string() });

/** One readable line for a validation failure, naming the field at fault. */
export function describeValidationError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'Invalid request body';
  const path = issue.path.length === 0 ? 'body' : issue.path.join('.');
  return `Invalid value for ${path}: ${issue.message}`;
}
