import type { ArgumentValidation } from '../tools/argument-validator.ts';

// The messages between the gateway and its schema worker. Schemas travel as JSON text: it is
// what the worker keys its compiled cache by, and a string is the cheapest thing to copy.

/** Work sent to the schema worker. */
export type SchemaJob =
  | { id: number; kind: 'check'; schemaText: string }
  | { id: number; kind: 'validate'; schemaText: string; value: unknown };

/** What the schema worker sends back. */
export type SchemaWorkerMessage =
  /** Once, when the worker has loaded and can take jobs. */
  | { kind: 'ready' }
  /** A validate job's schema is compiled; validating starts now, under its own budget. */
  | { kind: 'compiled'; id: number }
  | ({ kind: 'checked'; id: number; problem: string | undefined } & Wear)
  | ({ kind: 'validated'; id: number; validation: ArgumentValidation } & Wear)
  | ({ kind: 'failed'; id: number; problem: string } & Wear);

/** On every answer: true once the worker has compiled so much that it should be replaced. */
interface Wear {
  spent: boolean;
}
