import type { z } from 'zod';
import { GatewayError } from '../../core/errors.ts';
import { mapValidationIssue } from '../shared/map-validation-issue.ts';

/** Parses `value` with `schema`, or throws a 400 naming the field at fault under `path`. */
export function validate<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  path: PropertyKey[] = [],
): z.infer<Schema> {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  throw issue
    ? mapValidationIssue(issue, path)
    : new GatewayError('invalid_request', 'The request body is invalid.');
}
