import type { z } from 'zod';
import { GatewayError } from '../../core/errors.ts';
import { validate } from './validate.ts';

/** Parses a request body with `schema`; a non-object body or a schema issue becomes a 400 naming the field. */
export function validateBody<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
  requiredFields: string,
): z.infer<Schema> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GatewayError(
      'invalid_request',
      `The request body must be a JSON object with ${requiredFields}.`,
      {
        code: 'invalid_type',
      },
    );
  }
  return validate(schema, body);
}
