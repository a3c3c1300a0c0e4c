import { describe, expect, it } from 'vitest';
import { ArgumentValidator } from './argument-validator.ts';

const orderSchema = {
  type: 'object',
  properties: {
    order_id: { type: 'string' },
    quantity: { type: 'integer', default: 1 },
    gift: { type: 'boolean' },
    items: {
      type: 'array',
      items: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] },
    },
  },
  required: ['order_id'],
  additionalProperties: false,
};

describe('ArgumentValidator', () => {
  it('accepts valid arguments unchanged', () => {
    const validator = new ArgumentValidator();
    const value = { order_id: 'A1', quantity: 2 };
    expect(validator.validate(orderSchema, value)).toEqual({ valid: true, value, repaired: false });
  });

  it('coerces scalars on a copy and reports the repair, without filling defaults', () => {
    const validator = new ArgumentValidator();
    const value = { order_id: 17, gift: 'false' };
    expect(validator.validate(orderSchema, value)).toEqual({
      valid: true,
      value: { order_id: '17', gift: false },
      repaired: true,
    });
    expect(value).toEqual({ order_id: 17, gift: 'false' });
  });

  it('reports what is still wrong after coercion', () => {
    const validator = new ArgumentValidator();
    const schema = { type: 'object', properties: { level: { type: 'integer', maximum: 100 } } };
    expect(validator.validate(schema, { level: '500' })).toEqual({
      valid: false,
      problem: 'arguments.level must be <= 100',
    });
  });

  it('never invents a missing required field', () => {
    const validator = new ArgumentValidator();
    expect(validator.validate(orderSchema, { quantity: '3' })).toEqual({
      valid: false,
      problem: "arguments must have required property 'order_id'; arguments.quantity must be integer",
    });
  });

  it('does not coerce across kinds: null, booleans to numbers, objects or arrays', () => {
    const validator = new ArgumentValidator();
    expect(validator.validate(orderSchema, { order_id: null })).toEqual({
      valid: false,
      problem: 'arguments.order_id must be string',
    });
    expect(validator.validate(orderSchema, { order_id: 'A1', quantity: true })).toEqual({
      valid: false,
      problem: 'arguments.quantity must be integer',
    });
    expect(validator.validate(orderSchema, { order_id: 'A1', gift: 1 })).toEqual({
      valid: false,
      problem: 'arguments.gift must be boolean',
    });
    expect(validator.validate(orderSchema, { order_id: 'A1', quantity: 'two' })).toEqual({
      valid: false,
      problem: 'arguments.quantity must be integer',
    });
    expect(validator.validate(orderSchema, { order_id: ['A1'] })).toEqual({
      valid: false,
      problem: 'arguments.order_id must be string',
    });
  });

  it('names nested paths, extra properties and the error count', () => {
    const validator = new ArgumentValidator();
    const value = { order_id: 'A', items: [{ sku: 'x' }, { name: 'y' }], colour: 'red', size: 'L' };
    expect(validator.validate(orderSchema, value)).toEqual({
      valid: false,
      problem:
        "arguments must not have the property 'colour'; arguments must not have the property 'size'; arguments.items[1] must have required property 'sku'",
    });
    const many = { order_id: 'A', a: 1, b: 2, c: 3, d: 4 };
    expect(validator.validate(orderSchema, many)).toEqual({
      valid: false,
      problem:
        "arguments must not have the property 'a'; arguments must not have the property 'b'; arguments must not have the property 'c'; and 1 more",
    });
  });

  it('understands 2020-12 and draft-07 schemas', () => {
    const validator = new ArgumentValidator();
    const tuple2020 = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        point: { type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }], items: false },
      },
    };
    expect(validator.validate(tuple2020, { point: [1, 2, 3] })).toEqual({
      valid: false,
      problem: 'arguments.point must NOT have more than 2 items',
    });
    const tuple07 = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { point: { type: 'array', items: [{ type: 'number' }], additionalItems: false } },
    };
    expect(validator.validate(tuple07, { point: [1, 2] })).toEqual({
      valid: false,
      problem: 'arguments.point must NOT have more than 1 items',
    });
  });

  it('accepts old and unknown $schema URLs and ignores formats', () => {
    const validator = new ArgumentValidator();
    const schema = {
      $schema: 'http://json-schema.org/draft-04/schema#',
      type: 'object',
      properties: { when: { type: 'string', format: 'made-up-format' } },
    };
    expect(validator.check(schema)).toBeUndefined();
    expect(validator.validate(schema, { when: 'soon' })).toEqual({
      valid: true,
      value: { when: 'soon' },
      repaired: false,
    });
  });

  it('reports unusable schemas from check and lets values through validate', () => {
    const validator = new ArgumentValidator();
    expect(validator.check({ type: 'strin' })).toMatch(/schema is invalid/);
    expect(validator.check({ $ref: 'https://example.com/missing.json' })).toMatch(/can't resolve reference/);
    expect(validator.validate({ type: 'strin' }, { a: 1 })).toEqual({
      valid: true,
      value: { a: 1 },
      repaired: false,
    });
  });

  it('compiles schemas that share an $id but differ', () => {
    const validator = new ArgumentValidator();
    const first = { $id: 'args', type: 'object', properties: { x: { type: 'number' } } };
    const second = { $id: 'args', type: 'object', properties: { x: { type: 'boolean' } } };
    expect(validator.validate(first, { x: true })).toEqual({
      valid: false,
      problem: 'arguments.x must be number',
    });
    expect(validator.validate(second, { x: true })).toEqual({
      valid: true,
      value: { x: true },
      repaired: false,
    });
  });

  it('handles recursive references', () => {
    const validator = new ArgumentValidator();
    const tree = { type: 'object', properties: { value: { type: 'integer' }, child: { $ref: '#' } } };
    expect(validator.validate(tree, { child: { child: { value: '3' } } })).toEqual({
      valid: true,
      value: { child: { child: { value: 3 } } },
      repaired: true,
    });
  });

  it('keeps working after evicting schemas from a cache bounded by characters', () => {
    const schemas = [0, 1, 2, 3].map((index) => ({
      type: 'object',
      properties: { [`p${index}`]: { type: 'string' } },
    }));
    const schemaLength = JSON.stringify(schemas[0]).length;
    const validator = new ArgumentValidator({ cacheCharacters: 2 * schemaLength });
    for (const schema of [...schemas, ...schemas]) {
      expect(validator.validate(schema, { p0: 1, p1: 1, p2: 1, p3: 1 }).valid).toBe(true);
      expect(validator.cacheSize().characters).toBeLessThanOrEqual(2 * schemaLength);
    }
    expect(validator.cacheSize().entries).toBe(2);
    expect(validator.validate(schemas[0] ?? {}, { p0: [] })).toEqual({
      valid: false,
      problem: 'arguments.p0 must be string',
    });
  });

  it('keeps nothing of a schema that does not compile', () => {
    const validator = new ArgumentValidator();
    expect(validator.check({ $ref: '#/$defs/missing' })).toMatch(/missing/);
    expect(validator.cacheSize()).toEqual({ entries: 0, characters: 0 });
  });

  it('takes a schema as JSON text too, with the same verdicts', () => {
    const validator = new ArgumentValidator();
    const text = JSON.stringify(orderSchema);
    expect(validator.check(text)).toBeUndefined();
    expect(validator.validate(text, { order_id: 7 })).toEqual({
      valid: true,
      value: { order_id: '7' },
      repaired: true,
    });
  });

  it('matches patterns in linear time, and still honours look-arounds', () => {
    const validator = new ArgumentValidator();
    const nested = { type: 'object', properties: { v: { type: 'string', pattern: '^(a+)+$' } } };
    // 40 characters: a backtracking engine would take hours here
    expect(validator.validate(nested, { v: `${'a'.repeat(40)}!` })).toEqual({
      valid: false,
      problem: 'arguments.v must match pattern "^(a+)+$"',
    });
    const lookahead = { type: 'object', properties: { v: { type: 'string', pattern: '^(?=.*[A-Z]).+$' } } };
    expect(validator.validate(lookahead, { v: 'Abc' }).valid).toBe(true);
    expect(validator.validate(lookahead, { v: 'abc' }).valid).toBe(false);
  });
});
