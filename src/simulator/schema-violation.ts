import { declaredType, isRecord } from './schema-example.ts';

// A value no validator can accept or coerce: a number, boolean, array or string cannot be made
// from an object, and an object cannot be made from a string.
function wrongTypeValue(schema: Record<string, unknown>): unknown {
  return declaredType(schema) === 'object' ? 'not an object' : { unexpected: true };
}

/** The instance made invalid for the schema: a required property without a default dropped,
 * else the first typed property given a wrong type, else an array where an object belongs. */
export function buildSchemaViolation(
  schema: Record<string, unknown> | undefined,
  instance: unknown,
): unknown {
  const properties = isRecord(schema?.properties) ? schema.properties : {};
  if (!isRecord(instance)) return [instance];
  const required = Array.isArray(schema?.required) ? schema.required : [];
  const droppable = required.find(
    (name): name is string =>
      typeof name === 'string' && !(isRecord(properties[name]) && 'default' in properties[name]),
  );
  if (droppable !== undefined) {
    const { [droppable]: _dropped, ...rest } = instance;
    return rest;
  }
  const typed = Object.entries(properties).find(
    (entry): entry is [string, Record<string, unknown>] =>
      isRecord(entry[1]) && declaredType(entry[1]) !== undefined,
  );
  if (typed !== undefined) return { ...instance, [typed[0]]: wrongTypeValue(typed[1]) };
  return [instance];
}
