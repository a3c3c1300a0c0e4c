import { IsolatedSchemaValidator } from './isolated-schema-validator.ts';

/** One schema worker for every test in a test worker: the real thing, started once. It ends by
 * itself after a second without work, so it never keeps a test run alive. */
export const sharedSchemaValidator = new IsolatedSchemaValidator({ idleMs: 1_000 });
