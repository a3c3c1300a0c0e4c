import type { ArgumentValidation } from '../tools/argument-validator.ts';

/** Judges client JSON Schemas and values against them, asynchronously, so that the work can run
 * away from the event loop and under a time budget. */
export interface SchemaValidator {
  /** Why the schema cannot be used, or undefined when it can. */
  check(schema: Record<string, unknown>): Promise<string | undefined>;
  /** The value checked against the schema (a repaired value has some scalars coerced). */
  validate<Value>(schema: Record<string, unknown>, value: Value): Promise<ArgumentValidation<Value>>;
}
