import { parentPort, workerData } from 'node:worker_threads';
import { ArgumentValidator } from '../tools/argument-validator.ts';
import type { SchemaJob, SchemaWorkerMessage } from './schema-jobs.ts';

// Runs in a worker thread. Compiling a client's JSON Schema and applying it to the model's output
// take time that grows with what the client sent; here that time cannot hold up the gateway's
// event loop, and the gateway ends this thread when a job runs over its budget.

const port = parentPort;
if (port === null) throw new Error('schema-worker.ts runs as a worker thread');
const settings = workerData as { cacheCharacters: number; retireAfterCharacters: number };
const validator = new ArgumentValidator({ cacheCharacters: settings.cacheCharacters });

const send = (message: SchemaWorkerMessage) => port.postMessage(message);

port.on('message', (job: SchemaJob) => {
  try {
    const problem = validator.check(job.schemaText);
    if (job.kind === 'check') return send({ kind: 'checked', id: job.id, problem, spent: spent() });
    send({ kind: 'compiled', id: job.id });
    const validation = validator.validate(job.schemaText, job.value);
    send({ kind: 'validated', id: job.id, validation, spent: spent() });
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    send({ kind: 'failed', id: job.id, problem, spent: spent() });
  }
});
// ajv compiles its meta-schemas on first use: pay that here, so no client's budget includes it
validator.check({ type: 'object' });
validator.check({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' });
const warmUpCharacters = validator.compiledCharacters();

function spent(): boolean {
  return validator.compiledCharacters() - warmUpCharacters > settings.retireAfterCharacters;
}

send({ kind: 'ready' });
