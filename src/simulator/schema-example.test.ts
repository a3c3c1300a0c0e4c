import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { readArgumentHints } from './argument-hints.ts';
import { buildSchemaExample, declaredType } from './schema-example.ts';

describe('buildSchemaExample', () => {
  it('gives a plain value for each type', () => {
    expect(buildSchemaExample({ type: 'string' })).toBe('example');
    expect(buildSchemaExample({ type: 'number' })).toBe(1);
    expect(buildSchemaExample({ type: 'integer' })).toBe(1);
    expect(buildSchemaExample({ type: 'boolean' })).toBe(true);
    expect(buildSchemaExample({ type: 'null' })).toBeNull();
    expect(buildSchemaExample({})).toBe('example');
    expect(buildSchemaExample({ type: ['null', 'integer'] })).toBe(1);
  });

  it('prefers const, then default, then the first enum member', () => {
    expect(buildSchemaExample({ type: 'string', const: 'fixed', default: 'other' })).toBe('fixed');
    expect(buildSchemaExample({ type: 'integer', default: 7, enum: [3, 7] })).toBe(7);
    expect(buildSchemaExample({ type: 'string', enum: ['celsius', 'fahrenheit'] })).toBe('celsius');
  });

  it('fills every property of nested objects, including required ones without a schema', () => {
    const schema = {
      type: 'object',
      properties: {
        customer: {
          type: 'object',
          properties: { name: { type: 'string' }, vip: { type: 'boolean' } },
          required: ['name'],
        },
        note: { type: 'string' },
      },
      required: ['customer', 'reference'],
    };
    expect(buildSchemaExample(schema)).toEqual({
      customer: { name: 'example', vip: true },
      note: 'example',
      reference: 'example',
    });
    expect(buildSchemaExample({ properties: { count: { type: 'integer' } } })).toEqual({ count: 1 });
  });

  it('gives arrays one item, or as many as minItems or prefixItems ask for', () => {
    expect(buildSchemaExample({ type: 'array', items: { type: 'string' } })).toEqual(['example']);
    expect(buildSchemaExample({ type: 'array', items: { type: 'integer' }, minItems: 3 })).toEqual([1, 1, 1]);
    expect(buildSchemaExample({ type: 'array' })).toEqual(['example']);
    expect(buildSchemaExample({ type: 'array', prefixItems: [{ type: 'boolean' }, { const: 'x' }] })).toEqual(
      [true, 'x'],
    );
    expect(
      buildSchemaExample({
        type: 'array',
        items: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] },
      }),
    ).toEqual([{ sku: 'example' }]);
  });

  it('respects string formats and lengths, and numeric bounds', () => {
    expect(buildSchemaExample({ type: 'string', format: 'date' })).toBe('2024-01-01');
    expect(buildSchemaExample({ type: 'string', format: 'email' })).toBe('user@example.com');
    expect(buildSchemaExample({ type: 'string', minLength: 10 })).toBe('examplexxx');
    expect(buildSchemaExample({ type: 'string', maxLength: 3 })).toBe('exa');
    expect(buildSchemaExample({ type: 'integer', minimum: 18 })).toBe(18);
    expect(buildSchemaExample({ type: 'integer', exclusiveMinimum: 5 })).toBe(6);
    expect(buildSchemaExample({ type: 'number', maximum: 0.5 })).toBe(0.5);
    expect(buildSchemaExample({ type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 })).toBe(0.5);
    expect(buildSchemaExample({ type: 'integer', minimum: 2, multipleOf: 5 })).toBe(5);
  });

  it('follows local $ref, the first non-null anyOf/oneOf branch, and merged allOf', () => {
    const schema = {
      type: 'object',
      properties: {
        address: { $ref: '#/$defs/address' },
        tag: { anyOf: [{ type: 'null' }, { type: 'string' }] },
      },
      $defs: { address: { type: 'object', properties: { zip: { type: 'string', default: '94105' } } } },
    };
    expect(buildSchemaExample(schema)).toEqual({ address: { zip: '94105' }, tag: 'example' });
    expect(buildSchemaExample({ oneOf: [{ type: 'integer' }, { type: 'string' }] })).toBe(1);
    expect(
      buildSchemaExample({
        allOf: [
          { type: 'object', properties: { a: { type: 'integer' } } },
          { properties: { b: { type: 'boolean' } } },
        ],
      }),
    ).toEqual({ a: 1, b: true });
  });

  it('stops on a schema that refers to itself', () => {
    const schema = { type: 'object', properties: { child: { $ref: '#' } } };
    const instance = buildSchemaExample(schema);
    let depth = 0;
    for (let node: unknown = instance; typeof node === 'object' && node !== null; depth += 1) {
      node = (node as { child?: unknown }).child;
    }
    expect(depth).toBeGreaterThan(1);
    expect(depth).toBeLessThan(20);
  });

  it('takes values the user spelled out, typed for the property', () => {
    const schema = {
      type: 'object',
      properties: {
        city: { type: 'string' },
        days: { type: 'integer' },
        ratio: { type: 'number' },
        metric: { type: 'boolean' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        filter: { type: 'object', properties: { city: { type: 'string' } } },
        tags: { type: 'array', items: { type: 'string' } },
      },
    };
    const hints = readArgumentHints('City=Lyon days=3 ratio: 0.25 metric=false unit=fahrenheit tags=urgent');
    expect(buildSchemaExample(schema, hints)).toEqual({
      city: 'Lyon',
      days: 3,
      ratio: 0.25,
      metric: false,
      unit: 'fahrenheit',
      filter: { city: 'Lyon' },
      tags: ['urgent'],
    });
  });

  it('ignores a hint that does not fit the property', () => {
    const schema = {
      type: 'object',
      properties: {
        days: { type: 'integer' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        metric: { type: 'boolean', default: false },
      },
    };
    const hints = readArgumentHints('days=2.5 unit=kelvin metric=yes');
    expect(buildSchemaExample(schema, hints)).toEqual({ days: 1, unit: 'celsius', metric: false });
  });

  it('produces instances that a JSON Schema validator accepts', () => {
    const schemas = [
      {
        type: 'object',
        properties: {
          order_id: { type: 'string', pattern: '^[a-z]+$' },
          quantity: { type: 'integer', minimum: 1, maximum: 10 },
          priority: { type: 'string', enum: ['low', 'high'] },
          lines: {
            type: 'array',
            minItems: 2,
            items: {
              type: 'object',
              properties: { sku: { type: 'string', minLength: 3 } },
              required: ['sku'],
            },
          },
          delivery: { anyOf: [{ type: 'null' }, { type: 'string', format: 'date' }] },
        },
        required: ['order_id', 'quantity', 'lines'],
        additionalProperties: false,
      },
      { type: 'object', properties: { score: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 } } },
    ];
    const ajv = new Ajv({ strict: false, validateFormats: false });
    for (const schema of schemas) {
      const valid = ajv.validate(schema, buildSchemaExample(schema));
      expect(ajv.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
  });
});

describe('declaredType', () => {
  it('reads the type, skipping null in a list, and infers object and array', () => {
    expect(declaredType({ type: 'string' })).toBe('string');
    expect(declaredType({ type: ['null', 'number'] })).toBe('number');
    expect(declaredType({ type: ['null'] })).toBe('null');
    expect(declaredType({ properties: {} })).toBe('object');
    expect(declaredType({ items: {} })).toBe('array');
    expect(declaredType({ description: 'anything' })).toBeUndefined();
  });
});
