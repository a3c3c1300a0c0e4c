import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { linearTimePatterns } from '../schema/linear-time-patterns.ts';

/** The verdict on one value; a repaired value has the same shape with some scalars coerced. */
export type ArgumentValidation<Value = unknown> =
  | { valid: true; value: Value; repaired: boolean }
  | { valid: false; problem: string };

/** Settings for an ArgumentValidator. */
export interface ArgumentValidatorOptions {
  /**
   * How much schema JSON text, in characters, the compiled schemas kept may add up to; the least
   * recently used one goes first. Compiled code is about fifteen times the size of its schema.
   */
  cacheCharacters?: number;
}

/** A JSON Schema, as an object or as its JSON text (which is also its cache key). */
export type SchemaInput = Record<string, unknown> | string;

type Dialect = 'draft-07' | '2020-12';
interface UsableSchema {
  schema: Record<string, unknown>;
  dialect: Dialect;
  strict: ValidateFunction;
  /** Compiled on the first repair attempt only. */
  coercing?: ValidateFunction;
}
type CompiledSchema = UsableSchema | { error: string };

const defaultCacheCharacters = 500_000;
const reportedErrorCount = 3;
const sharedOptions: Options = {
  strict: false,
  allErrors: true,
  validateFormats: false,
  logger: false,
  code: { regExp: linearTimePatterns },
};
const newerDialectPattern = /2020-12|2019-09/;
const arrayIndexPattern = /^\d+$/;
const identifierPattern = /^[A-Za-z_$][\w$]*$/;

/**
 * Checks tool arguments against the tool's JSON Schema (draft-07 or 2020-12). An invalid value is
 * repaired only by lossless scalar coercion ("5" -> 5, "true" -> true, 5 -> "5"), and only when
 * every error is such a type mismatch: never by dropping, inventing or defaulting fields, so a
 * missing required field stays a problem.
 */
export class ArgumentValidator {
  readonly #cacheCharacters: number;
  readonly #compiled = new Map<string, CompiledSchema>();
  readonly #instances = new Map<string, Ajv>();
  #cachedCharacters = 0;
  #compiledCharacters = 0;

  constructor(options: ArgumentValidatorOptions = {}) {
    this.#cacheCharacters = options.cacheCharacters ?? defaultCacheCharacters;
  }

  /** The reason a schema cannot be used, or undefined when it compiles. */
  check(schema: SchemaInput): string | undefined {
    const compiled = this.#compile(schema);
    return 'error' in compiled ? compiled.error : undefined;
  }

  /** Validates the value (repairs work on a clone); a schema that does not compile cannot judge, so the value passes as it is. */
  validate<Value>(schema: SchemaInput, value: Value): ArgumentValidation<Value> {
    const compiled = this.#compile(schema);
    if ('error' in compiled || compiled.strict(value)) return { valid: true, value, repaired: false };
    const errors = compiled.strict.errors ?? [];
    if (errors.every(isCoercible)) {
      compiled.coercing ??= this.#compileWith(compiled.dialect, true, compiled.schema);
      const coerced = structuredClone(value);
      if (compiled.coercing(coerced)) return { valid: true, value: coerced, repaired: true };
      // After coercion the remaining errors are the real ones ("must be <= 100", not "must be integer").
      return { valid: false, problem: summarizeErrors(compiled.coercing.errors ?? errors) };
    }
    return { valid: false, problem: summarizeErrors(errors) };
  }

  /**
   * Characters of schema text compiled so far, cached or not. Each compile leaves something behind
   * that no cache bound reaches: ajv's code scope keeps its patterns, and V8's compilation cache the
   * generated source (about 1 MB of heap per 44 KB schema). Whoever owns this validator retires it
   * after so much compiling.
   */
  compiledCharacters(): number {
    return this.#compiledCharacters;
  }

  /** How many schemas are compiled and kept, and the characters of their JSON text. */
  cacheSize(): { entries: number; characters: number } {
    return { entries: this.#compiled.size, characters: this.#cachedCharacters };
  }

  #compile(schema: SchemaInput): CompiledSchema {
    const key = typeof schema === 'string' ? schema : JSON.stringify(schema);
    const cached = this.#compiled.get(key);
    if (cached !== undefined) {
      this.#compiled.delete(key);
      this.#compiled.set(key, cached);
      return cached;
    }
    this.#compiledCharacters += key.length;
    const compiled = this.#compileFresh(typeof schema === 'string' ? JSON.parse(schema) : schema);
    // A schema that does not compile is not kept: its request is refused, and nothing of it stays.
    if ('error' in compiled || key.length > this.#cacheCharacters) return compiled;
    this.#compiled.set(key, compiled);
    this.#cachedCharacters += key.length;
    while (this.#cachedCharacters > this.#cacheCharacters) {
      const oldest = this.#compiled.keys().next().value as string;
      this.#compiled.delete(oldest);
      this.#cachedCharacters -= oldest.length;
    }
    return compiled;
  }

  #compileFresh(schema: Record<string, unknown>): CompiledSchema {
    const dialect = detectDialect(schema);
    const usable = withoutMetaSchema(schema);
    try {
      return { schema: usable, dialect, strict: this.#compileWith(dialect, false, usable) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Compiles, then forgets the schema inside ajv: our cache bounds memory, and a reused $id must not clash. */
  #compileWith(dialect: Dialect, coercing: boolean, schema: Record<string, unknown>): ValidateFunction {
    const ajv = this.#instance(dialect, coercing);
    try {
      return ajv.compile(schema);
    } finally {
      ajv.removeSchema(schema);
    }
  }

  #instance(dialect: Dialect, coercing: boolean): Ajv {
    const name = `${dialect} ${coercing ? 'coercing' : 'strict'}`;
    let instance = this.#instances.get(name);
    if (instance === undefined) {
      // verbose puts the offending value on each error, which the coercion check needs.
      const options: Options = coercing
        ? { ...sharedOptions, coerceTypes: true }
        : { ...sharedOptions, verbose: true };
      instance = dialect === '2020-12' ? new Ajv2020(options) : new Ajv(options);
      this.#instances.set(name, instance);
    }
    return instance;
  }
}

function detectDialect(schema: Record<string, unknown>): Dialect {
  const metaSchema = schema.$schema;
  return typeof metaSchema === 'string' && newerDialectPattern.test(metaSchema) ? '2020-12' : 'draft-07';
}

/** Without `$schema`, so draft-04/06 or unknown meta-schema URLs do not fail the compile. */
function withoutMetaSchema(schema: Record<string, unknown>): Record<string, unknown> {
  if (!('$schema' in schema)) return schema;
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}

/**
 * Only lossless coercions count as a repair: a numeric or "true"/"false" string to a number or
 * boolean (ajv checks the text), and a number or boolean to a string. Not null, not true -> 1.
 */
function isCoercible(error: ErrorObject): boolean {
  if (error.keyword !== 'type') return false;
  const expected = String(error.params.type).split(',');
  const data: unknown = error.data;
  if (typeof data === 'string') {
    return expected.some((type) => type === 'number' || type === 'integer' || type === 'boolean');
  }
  return (typeof data === 'number' || typeof data === 'boolean') && expected.includes('string');
}

function summarizeErrors(errors: ErrorObject[]): string {
  const lines = errors.slice(0, reportedErrorCount).map(describeError);
  const more = errors.length - lines.length;
  return more > 0 ? `${lines.join('; ')}; and ${more} more` : lines.join('; ');
}

function describeError(error: ErrorObject): string {
  const path = formatPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') {
    return `${path} must not have the property '${params.additionalProperty}'`;
  }
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `${path} must be one of ${params.allowedValues.map((value) => JSON.stringify(value)).join(', ')}`;
  }
  return `${path} ${error.message ?? 'is invalid'}`;
}

/** A JSON pointer such as /items/0/name as arguments.items[0].name. */
function formatPath(pointer: string): string {
  let path = 'arguments';
  if (pointer === '') return path;
  for (const encoded of pointer.slice(1).split('/')) {
    const segment = encoded.replaceAll('~1', '/').replaceAll('~0', '~');
    if (arrayIndexPattern.test(segment)) path += `[${segment}]`;
    else if (identifierPattern.test(segment)) path += `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}
