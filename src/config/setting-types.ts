import { z } from 'zod';

// The value types settings are made of, each with the message a user sees when a value is wrong.

/** A TCP port; 0 asks the system for a free one. */
export const port = z.coerce
  .number({ error: 'must be a whole number from 0 to 65535' })
  .int()
  .min(0)
  .max(65_535, {
    error: 'must be a whole number from 0 to 65535',
  });
/** A whole number above 0. */
export const positiveInteger = z.coerce.number({ error: 'must be a positive whole number' }).int().positive();
/** A whole number, 0 or more. */
export const nonNegativeInteger = z.coerce
  .number({ error: 'must be a whole number, 0 or more' })
  .int()
  .min(0);
/** An http(s) URL. */
export const httpUrl = z.url({
  protocol: /^https?$/,
  error: 'must be an http(s) URL such as https://mycompany.my.salesforce.com',
});
/** true/false, also as the strings true, false, 1 and 0 that the environment carries. */
export const booleanFlag = z.union(
  [z.boolean(), z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1')],
  {
    error: 'must be true or false',
  },
);

/** A JSON value that may arrive as a JSON string, as it does from the environment. */
export function fromJsonText<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (typeof value === 'string' ? parseJsonOrKeep(value) : value), schema);
}

function parseJsonOrKeep(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** One documented setting. */
export interface SettingDefinition {
  schema: z.ZodType;
  default?: unknown;
  description: string;
  /** Never printed, logged or echoed in an error. */
  secret?: boolean;
  /** An empty value means "off" (a file setting): kept even from the environment, where empty otherwise means unset. */
  emptyMeansOff?: boolean;
}
