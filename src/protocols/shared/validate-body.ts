import type { z } from 'zod';
import { GatewayError } from '../../core/errors.ts';
import { validate } from './validate.ts';

/** Parses a request body with `schema`; a non-object body or a schema issue becomes a 400 naming the field. */
export function validateBody<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
  requiredFields: string,
): z.infer<Schema> {
  return validate(schema, requireObjectBody(body, requiredFields));
}

/** The body as an object, or a 400 that names the fields an object of this kind needs. */
export function requireObjectBody(body: unknown, requiredFields: string): Record<string, unknown> {
  if (typeof body === 'object' && body !== null && !Array.isArray(body))
    return body as Record<string, unknown>;
  throw new GatewayError(
    'invalid_request',
    `The request body must be a JSON object with ${requiredFields}.`,
    {
      code: 'invalid_type',
    },
  );
}
