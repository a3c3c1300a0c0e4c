import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { buildSchemaExample } from './schema-example.ts';
import { buildSchemaViolation } from './schema-violation.ts';

const ajv = new Ajv({ strict: false, coerceTypes: 'array', useDefaults: true });

function expectRejected(schema: Record<string, unknown>, instance: unknown) {
  expect(ajv.validate(schema, structuredClone(instance))).toBe(false);
}

describe('buildSchemaViolation', () => {
  it('drops the first required property that has no default', () => {
    const schema = {
      type: 'object',
      properties: { unit: { type: 'string', default: 'celsius' }, city: { type: 'string' } },
      required: ['unit', 'city'],
    };
    const violation = buildSchemaViolation(schema, buildSchemaExample(schema));
    expect(violation).toEqual({ unit: 'celsius' });
    expectRejected(schema, violation);
  });

  it('gives the first typed property a value no coercion can fix when nothing is required', () => {
    const count = { type: 'object', properties: { note: {}, count: { type: 'integer' } } };
    expect(buildSchemaViolation(count, { note: 'x', count: 1 })).toEqual({
      note: 'x',
      count: { unexpected: true },
    });
    expectRejected(count, buildSchemaViolation(count, { note: 'x', count: 1 }));
    const nested = { type: 'object', properties: { filter: { type: 'object' } } };
    expect(buildSchemaViolation(nested, { filter: {} })).toEqual({ filter: 'not an object' });
    expectRejected(nested, buildSchemaViolation(nested, { filter: {} }));
  });

  it('wraps the instance in an array when the schema constrains nothing else', () => {
    expect(buildSchemaViolation({ type: 'object' }, { answer: 'hi' })).toEqual([{ answer: 'hi' }]);
    expect(buildSchemaViolation(undefined, 'text')).toEqual(['text']);
    expectRejected({ type: 'object' }, [{ answer: 'hi' }]);
  });
});
