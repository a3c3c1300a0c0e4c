import type { ArgumentHints } from './argument-hints.ts';

// Builds one instance of a JSON Schema, the same every time, the way a model fills in arguments:
// `const`, then a value the user spelled out for the property, then `default`, then the first
// `enum` member, then a plain value of the declared type.

type Schema = Record<string, unknown>;

interface ExampleContext {
  root: unknown;
  hints: ArgumentHints;
  /** Name of the property being filled, for hint lookup. */
  name: string | undefined;
  depth: number;
}

const maximumDepth = 12;

const formatExamples: Record<string, string> = {
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  time: '00:00:00Z',
  email: 'user@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
  uuid: '00000000-0000-4000-8000-000000000000',
};

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deterministic instance of `schema`; properties named in `hints` take the user's values. */
export function buildSchemaExample(schema: unknown, hints: ArgumentHints = new Map()): unknown {
  return exampleFor(schema, { root: schema, hints, name: undefined, depth: 0 });
}

/** The first declared type of a schema (ignoring `null` when another is offered). */
export function declaredType(schema: Schema): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  if (!Array.isArray(schema.type)) {
    if (isRecord(schema.properties)) return 'object';
    return 'items' in schema || 'prefixItems' in schema ? 'array' : undefined;
  }
  const types = schema.type.filter((type): type is string => typeof type === 'string');
  return types.find((type) => type !== 'null') ?? types[0];
}

function exampleFor(schema: unknown, context: ExampleContext): unknown {
  if (!isRecord(schema) || context.depth > maximumDepth) return schema === false ? null : 'example';
  const resolved = resolveSchema(schema, context);
  if (resolved !== schema) return exampleFor(resolved, { ...context, depth: context.depth + 1 });
  if ('const' in schema) return schema.const;
  const hint = context.name === undefined ? undefined : context.hints.get(context.name.toLowerCase());
  const hinted = hint === undefined ? undefined : readHint(hint, schema);
  if (hinted !== undefined) return hinted;
  if ('default' in schema) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  switch (declaredType(schema)) {
    case 'object':
      return objectExample(schema, context);
    case 'array':
      return arrayExample(schema, context);
    case 'string':
      return stringExample(schema);
    case 'integer':
      return numberExample(schema, true);
    case 'number':
      return numberExample(schema, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return 'example';
  }
}

// $ref (local only), the first usable anyOf/oneOf branch, and allOf merged into one schema.
function resolveSchema(schema: Schema, context: ExampleContext): Schema {
  if (typeof schema.$ref === 'string') return resolveReference(schema.$ref, context.root) ?? {};
  const branches = [schema.anyOf, schema.oneOf].find(Array.isArray);
  if (branches !== undefined) {
    const usable = branches.filter(isRecord);
    const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = schema;
    const branch = usable.find((candidate) => candidate.type !== 'null') ?? usable[0] ?? {};
    return { ...rest, ...branch };
  }
  if (Array.isArray(schema.allOf)) {
    const { allOf, ...rest } = schema;
    return allOf.filter(isRecord).reduce<Schema>(mergeSchemas, rest);
  }
  return schema;
}

function mergeSchemas(target: Schema, source: Schema): Schema {
  const properties = { ...(isRecord(target.properties) ? target.properties : {}) };
  Object.assign(properties, isRecord(source.properties) ? source.properties : {});
  const required = [target.required, source.required].flatMap((list) => (Array.isArray(list) ? list : []));
  const merged: Schema = { ...target, ...source, properties };
  if (required.length > 0) merged.required = [...new Set(required)];
  return merged;
}

function resolveReference(reference: string, root: unknown): Schema | undefined {
  if (!reference.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const segment of reference.slice(1).split('/').filter(Boolean)) {
    if (!isRecord(node)) return undefined;
    node = node[segment.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return isRecord(node) ? node : undefined;
}

function readHint(hint: string, schema: Schema): unknown {
  if (Array.isArray(schema.enum)) return schema.enum.find((member) => String(member) === hint);
  const type = declaredType(schema);
  switch (type) {
    case 'string':
    case undefined:
      return hint;
    case 'number':
    case 'integer': {
      const value = Number(hint);
      const fits = hint.trim() !== '' && Number.isFinite(value);
      return fits && (type === 'number' || Number.isInteger(value)) ? value : undefined;
    }
    case 'boolean':
      return hint === 'true' ? true : hint === 'false' ? false : undefined;
    default:
      return undefined;
  }
}

function objectExample(schema: Schema, context: ExampleContext): Record<string, unknown> {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required)
    ? schema.required.filter((key): key is string => typeof key === 'string')
    : [];
  const instance: Record<string, unknown> = {};
  for (const name of new Set([...Object.keys(properties), ...required])) {
    instance[name] = exampleFor(properties[name] ?? {}, { ...context, name, depth: context.depth + 1 });
  }
  return instance;
}

function arrayExample(schema: Schema, context: ExampleContext): unknown[] {
  const minimum = typeof schema.minItems === 'number' ? schema.minItems : 1;
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
  const itemContext = { ...context, depth: context.depth + 1 };
  return Array.from({ length: Math.max(1, minimum, prefix.length) }, (_, index) =>
    exampleFor(prefix[index] ?? schema.items ?? {}, itemContext),
  );
}

function stringExample(schema: Schema): string {
  const base = (typeof schema.format === 'string' ? formatExamples[schema.format] : undefined) ?? 'example';
  const minimum = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const padded = base.padEnd(minimum, 'x');
  return typeof schema.maxLength === 'number' ? padded.slice(0, schema.maxLength) : padded;
}

function numberExample(schema: Schema, integer: boolean): number {
  const read = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined);
  const [minimum, maximum] = [read('minimum'), read('maximum')];
  const [exclusiveMinimum, exclusiveMaximum] = [read('exclusiveMinimum'), read('exclusiveMaximum')];
  const fitsBelow = (value: number) =>
    (minimum === undefined || value >= minimum) &&
    (exclusiveMinimum === undefined || value > exclusiveMinimum);
  const fitsAbove = (value: number) =>
    (maximum === undefined || value <= maximum) &&
    (exclusiveMaximum === undefined || value < exclusiveMaximum);
  let value = 1;
  if (!fitsBelow(value)) value = Math.max(minimum ?? -Infinity, (exclusiveMinimum ?? -Infinity) + 1);
  if (!fitsAbove(value)) value = Math.min(maximum ?? Infinity, (exclusiveMaximum ?? Infinity) - 1);
  if (!fitsBelow(value)) {
    const low = Math.max(minimum ?? -Infinity, exclusiveMinimum ?? -Infinity);
    const high = Math.min(maximum ?? Infinity, exclusiveMaximum ?? Infinity);
    value = (low + high) / 2;
  }
  const multiple = read('multipleOf');
  if (multiple !== undefined && multiple > 0) value = Math.ceil(value / multiple) * multiple;
  return integer ? Math.ceil(value) : value;
}
