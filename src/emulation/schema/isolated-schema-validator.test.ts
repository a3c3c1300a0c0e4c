import { afterEach, describe, expect, it } from 'vitest';
import { IsolatedSchemaValidator, type IsolatedSchemaValidatorOptions } from './isolated-schema-validator.ts';

const orderSchema = {
  type: 'object',
  properties: { order_id: { type: 'string' }, quantity: { type: 'integer' } },
  required: ['order_id'],
};

/** anyOf of two references, `depth` levels deep: validation visits 2^depth branches. */
function exponentialSchema(depth: number): Record<string, unknown> {
  const definitions: Record<string, unknown> = { [`d${depth}`]: { type: 'string', maxLength: 1 } };
  for (let level = 0; level < depth; level++) {
    const next = { $ref: `#/$defs/d${level + 1}` };
    definitions[`d${level}`] = { anyOf: [next, { ...next }] };
  }
  return { $defs: definitions, type: 'object', properties: { v: { $ref: '#/$defs/d0' } } };
}

let validator: IsolatedSchemaValidator | undefined;
const cutOffs: string[] = [];
function start(options: IsolatedSchemaValidatorOptions = {}): IsolatedSchemaValidator {
  validator = new IsolatedSchemaValidator({ onCutOff: (kind) => cutOffs.push(kind), ...options });
  return validator;
}
afterEach(async () => {
  await validator?.close();
  validator = undefined;
  cutOffs.length = 0;
});

describe('IsolatedSchemaValidator', () => {
  it('checks and validates in the worker with the same verdicts as in process', async () => {
    const schemas = start();
    expect(await schemas.check(orderSchema)).toBeUndefined();
    expect(await schemas.check({ $ref: '#/$defs/missing' })).toMatch(/missing/);
    expect(await schemas.validate(orderSchema, { order_id: 7, quantity: '2' })).toEqual({
      valid: true,
      value: { order_id: '7', quantity: 2 },
      repaired: true,
    });
    expect(await schemas.validate(orderSchema, { quantity: 1 })).toEqual({
      valid: false,
      problem: "arguments must have required property 'order_id'",
    });
  });

  it('lets a value pass unjudged when its schema does not compile', async () => {
    const schemas = start();
    const value = { anything: true };
    expect(await schemas.validate({ $ref: '#/nowhere' }, value)).toEqual({
      valid: true,
      value,
      repaired: false,
    });
  });

  it('stops a validation that runs over its budget, and refuses that schema from then on', async () => {
    const schemas = start({ validateBudgetMs: 50 });
    const schema = exponentialSchema(26);
    expect(await schemas.check(schema)).toBeUndefined();
    const started = performance.now();
    const first = await schemas.validate(schema, { v: 'too long' });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(first).toEqual({ valid: false, problem: expect.stringMatching(/longer than 50 ms/) });
    expect(cutOffs).toEqual(['validate']);
    expect(await schemas.check(schema)).toMatch(/longer than 50 ms/);
    // a fresh worker serves the next job
    expect(await schemas.validate(orderSchema, { order_id: 'A1' })).toMatchObject({ valid: true });
  });

  it('refuses a schema whose compile runs over its budget, without remembering the refusal', async () => {
    const properties: Record<string, unknown> = {};
    for (let index = 0; index < 2_000; index++)
      properties[`p${index}`] = { type: 'string', pattern: `^x${index}$` };
    const schemas = start({ compileBudgetMs: 5 });
    const schema = { type: 'object', properties };
    expect(await schemas.check(schema)).toMatch(/compiling it took longer than 5 ms/);
    expect(cutOffs).toEqual(['check']);
    // asked again, the worker tries again rather than answering from memory
    expect(await schemas.check(schema)).toMatch(/compiling it took longer than 5 ms/);
    expect(cutOffs).toEqual(['check', 'check']);
    expect(await schemas.check(orderSchema)).toBeUndefined();
  });

  it('refuses a schema that needs more memory than the worker may have, and carries on', async () => {
    const schemas = start({ memoryLimitMb: 16, compileBudgetMs: 20_000 });
    const properties: Record<string, unknown> = {};
    for (let index = 0; index < 100_000; index++)
      properties[`property_${index}`] = { type: 'integer', minimum: index };
    expect(await schemas.check({ type: 'object', properties })).toMatch(/checking it failed/);
    expect(cutOffs).toEqual(['check']);
    expect(await schemas.check(orderSchema)).toBeUndefined();
  });

  it('ends an idle worker and starts a new one for the next job', async () => {
    const schemas = start({ idleMs: 50 });
    expect(await schemas.check(orderSchema)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await schemas.validate(orderSchema, { order_id: 'A1' })).toMatchObject({ valid: true });
  });

  it('replaces a worker that has compiled its share, and the next one answers alike', async () => {
    let workersStarted = 0;
    const schemas = start({ retireAfterCharacters: 100, onWorkerStarted: () => workersStarted++ });
    for (let index = 0; index < 4; index++) {
      // each schema is about 60 characters: every second compile passes the share
      const schema = { type: 'object', properties: { [`field_${index}`]: { type: 'integer' } } };
      expect(await schemas.validate(schema, { [`field_${index}`]: 'x' })).toMatchObject({ valid: false });
    }
    expect(workersStarted).toBe(2);
    expect(await schemas.check(orderSchema)).toBeUndefined();
  });

  it('serves many callers at once, each with its own answer', async () => {
    const schemas = start();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) => schemas.validate({ type: 'integer', maximum: 25 }, index)),
    );
    expect(answers.filter((answer) => answer.valid)).toHaveLength(26);
  });

  it('answers jobs still waiting when it closes, instead of leaving them hanging', async () => {
    const schemas = start();
    const pending = schemas.check(orderSchema);
    await schemas.close();
    expect(await pending).toMatch(/closing/);
  });
});
