import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { schemaText } from '../../core/schema-text.ts';
import type { ArgumentValidation } from '../tools/argument-validator.ts';
import type { SchemaJob, SchemaWorkerMessage } from './schema-jobs.ts';
import type { SchemaValidator } from './schema-validator.ts';

// Client JSON Schemas are compiled and applied in one worker thread, one job at a time, each
// under a time budget:
//
// | job                        | budget            | when it runs over                                   |
// |----------------------------|-------------------|-----------------------------------------------------|
// | check (compile)            | compileBudgetMs   | the schema is refused (400), and remembered as such |
// | validate: compile phase    | compileBudgetMs   | as above                                            |
// | validate: validation phase | validateBudgetMs  | the value fails; the schema is refused from then on |
//
// A job over budget ends the worker (the only way to stop synchronous code); the next job starts
// a fresh one. The worker starts on the first job, not with the gateway, and ends after idleMs
// without work, so a gateway whose clients send no schemas never pays for it. A worker that has
// compiled retireAfterCharacters of schema text is replaced too: compiling leaves garbage behind
// that only the end of its thread frees (see ArgumentValidator.compiledCharacters).

/** Budgets and bounds of the schema worker. */
export interface IsolatedSchemaValidatorOptions {
  compileBudgetMs?: number;
  validateBudgetMs?: number;
  /** A worker without work for this long is ended (its compiled schemas with it). */
  idleMs?: number;
  /** Old-generation heap of the worker; a schema that needs more ends the worker and is refused. */
  memoryLimitMb?: number;
  /** Characters of schema JSON whose compiled code the worker keeps. */
  cacheCharacters?: number;
  /** Characters of schema JSON a worker compiles before it is replaced. */
  retireAfterCharacters?: number;
  /** How many verdicts (usable, or the reason not) are remembered by schema digest. */
  verdictEntries?: number;
  /** Told each time a job runs over its budget or ends the worker, for a metric. */
  onCutOff?: (kind: SchemaJob['kind']) => void;
  /** Told each time a worker thread starts, for a metric. */
  onWorkerStarted?: () => void;
}

type JobOutcome =
  | { kind: 'answered'; message: SchemaWorkerMessage }
  | { kind: 'over-budget'; phase: 'compile' | 'validate' }
  | { kind: 'crashed'; problem: string };

interface PendingJob {
  job: SchemaJob;
  settle: (outcome: JobOutcome) => void;
}

interface RunningWorker {
  worker: Worker;
  ready: boolean;
}

const workerFile = new URL(
  import.meta.url.endsWith('.ts') ? './schema-worker.ts' : './schema-worker.js',
  import.meta.url,
);

/** Compiles and applies client schemas off the event loop, each job under a time budget. */
export class IsolatedSchemaValidator implements SchemaValidator {
  readonly #compileBudgetMs: number;
  readonly #validateBudgetMs: number;
  readonly #idleMs: number;
  readonly #memoryLimitMb: number;
  readonly #cacheCharacters: number;
  readonly #retireAfterCharacters: number;
  readonly #verdictEntries: number;
  readonly #onCutOff: (kind: SchemaJob['kind']) => void;
  readonly #onWorkerStarted: () => void;
  /** Schema digest -> '' when usable, else why not. */
  readonly #verdicts = new Map<string, string>();
  readonly #digests = new WeakMap<object, string>();
  readonly #queue: PendingJob[] = [];
  #running: RunningWorker | undefined;
  #current: PendingJob | undefined;
  #budgetTimer: NodeJS.Timeout | undefined;
  #idleTimer: NodeJS.Timeout | undefined;
  #nextId = 1;
  #closed = false;

  constructor(options: IsolatedSchemaValidatorOptions = {}) {
    this.#compileBudgetMs = options.compileBudgetMs ?? 1_000;
    this.#validateBudgetMs = options.validateBudgetMs ?? 100;
    this.#idleMs = options.idleMs ?? 60_000;
    this.#memoryLimitMb = options.memoryLimitMb ?? 128;
    this.#cacheCharacters = options.cacheCharacters ?? 500_000;
    this.#retireAfterCharacters = options.retireAfterCharacters ?? 2_000_000;
    this.#verdictEntries = options.verdictEntries ?? 2_000;
    this.#onCutOff = options.onCutOff ?? (() => {});
    this.#onWorkerStarted = options.onWorkerStarted ?? (() => {});
  }

  async check(schema: Record<string, unknown>): Promise<string | undefined> {
    const { text: schemaText, digest } = this.#identify(schema);
    const known = this.#recall(digest);
    if (known !== undefined) return known || undefined;
    const outcome = await this.#run({ id: this.#nextId++, kind: 'check', schemaText });
    if (outcome.kind !== 'answered') {
      // not remembered: on a busier moment the same schema may well compile in time
      return this.#describeCutOff(outcome);
    }
    const { message } = outcome;
    const problem = message.kind === 'checked' || message.kind === 'failed' ? message.problem : undefined;
    this.#remember(digest, problem ?? '');
    return problem;
  }

  async validate<Value>(schema: Record<string, unknown>, value: Value): Promise<ArgumentValidation<Value>> {
    const { text: schemaText, digest } = this.#identify(schema);
    const known = this.#recall(digest);
    if (known) return { valid: false, problem: known };
    const outcome = await this.#run({ id: this.#nextId++, kind: 'validate', schemaText, value });
    if (outcome.kind === 'answered') {
      const { message } = outcome;
      if (message.kind === 'validated') return message.validation as ArgumentValidation<Value>;
      // a schema that does not compile cannot judge, so the value passes as it is
      return { valid: true, value, repaired: false };
    }
    const problem = this.#describeCutOff(outcome);
    this.#remember(digest, problem);
    return { valid: false, problem };
  }

  // One text and one digest per schema object: a request checks its schemas, then validates the
  // model's calls against the same objects.
  #identify(schema: Record<string, unknown>): { text: string; digest: string } {
    const text = schemaText(schema);
    let digest = this.#digests.get(schema);
    if (digest === undefined) {
      digest = digestOf(text);
      this.#digests.set(schema, digest);
    }
    return { text, digest };
  }

  /** Ends the worker and refuses further work. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#idleTimer);
    for (const pending of this.#queue.splice(0))
      pending.settle({ kind: 'crashed', problem: 'the gateway is closing' });
    this.#current?.settle({ kind: 'crashed', problem: 'the gateway is closing' });
    this.#current = undefined;
    await this.#endWorker();
  }

  #describeCutOff(outcome: Exclude<JobOutcome, { kind: 'answered' }>): string {
    if (outcome.kind === 'crashed') return `checking it failed (${outcome.problem}); simplify the schema`;
    return outcome.phase === 'compile'
      ? `compiling it took longer than ${this.#compileBudgetMs} ms; simplify the schema`
      : `validating a value against it took longer than ${this.#validateBudgetMs} ms; simplify the schema (deeply nested anyOf/oneOf, or patterns that need backtracking)`;
  }

  #recall(digest: string): string | undefined {
    const verdict = this.#verdicts.get(digest);
    if (verdict !== undefined) {
      this.#verdicts.delete(digest);
      this.#verdicts.set(digest, verdict);
    }
    return verdict;
  }

  #remember(digest: string, verdict: string): void {
    this.#verdicts.set(digest, verdict);
    if (this.#verdicts.size > this.#verdictEntries) {
      this.#verdicts.delete(this.#verdicts.keys().next().value as string);
    }
  }

  #run(job: SchemaJob): Promise<JobOutcome> {
    if (this.#closed) return Promise.resolve({ kind: 'crashed', problem: 'the gateway is closing' });
    return new Promise((settle) => {
      this.#queue.push({ job, settle });
      this.#dispatch();
    });
  }

  #dispatch(): void {
    if (this.#current !== undefined || this.#closed) return;
    const next = this.#queue.shift();
    if (next === undefined) {
      this.#armIdleTimer();
      return;
    }
    clearTimeout(this.#idleTimer);
    const running = this.#ensureWorker();
    this.#current = next;
    // a fresh worker takes the job once it has loaded: its start-up is not the job's time
    if (running.ready) this.#start(running, next);
  }

  #start(running: RunningWorker, pending: PendingJob): void {
    this.#armBudget(this.#compileBudgetMs, 'compile');
    running.worker.postMessage(pending.job);
  }

  #armBudget(ms: number, phase: 'compile' | 'validate'): void {
    clearTimeout(this.#budgetTimer);
    this.#budgetTimer = setTimeout(() => {
      const current = this.#current;
      if (current === undefined) return;
      this.#onCutOff(current.job.kind);
      this.#finish({ kind: 'over-budget', phase });
      void this.#endWorker();
      this.#dispatch();
    }, ms);
  }

  #finish(outcome: JobOutcome): void {
    clearTimeout(this.#budgetTimer);
    const current = this.#current;
    this.#current = undefined;
    current?.settle(outcome);
  }

  #ensureWorker(): RunningWorker {
    if (this.#running !== undefined) return this.#running;
    const worker = new Worker(workerFile, {
      workerData: {
        cacheCharacters: this.#cacheCharacters,
        retireAfterCharacters: this.#retireAfterCharacters,
      },
      // a small young generation: V8's default would let the garbage of compiling fill 200 MB
      resourceLimits: { maxOldGenerationSizeMb: this.#memoryLimitMb, maxYoungGenerationSizeMb: 8 },
    });
    const running: RunningWorker = { worker, ready: false };
    this.#onWorkerStarted();
    // the gateway must be able to exit while the worker idles
    worker.unref();
    worker.on('message', (message: SchemaWorkerMessage) => this.#onMessage(running, message));
    const onGone = (problem: string) => {
      if (this.#running !== running) return;
      this.#running = undefined;
      if (this.#current !== undefined) {
        this.#onCutOff(this.#current.job.kind);
        this.#finish({ kind: 'crashed', problem });
      }
      this.#dispatch();
    };
    worker.on('error', (error) => onGone(error.message));
    worker.on('exit', (code) => onGone(`the schema worker stopped with code ${code}`));
    this.#running = running;
    return running;
  }

  #onMessage(running: RunningWorker, message: SchemaWorkerMessage): void {
    if (this.#running !== running) return;
    if (message.kind === 'ready') {
      running.ready = true;
      if (this.#current !== undefined) this.#start(running, this.#current);
      return;
    }
    if (this.#current?.job.id !== message.id) return;
    if (message.kind === 'compiled') {
      this.#armBudget(this.#validateBudgetMs, 'validate');
      return;
    }
    this.#finish({ kind: 'answered', message });
    if (message.spent) void this.#endWorker();
    this.#dispatch();
  }

  #armIdleTimer(): void {
    clearTimeout(this.#idleTimer);
    if (this.#running === undefined) return;
    this.#idleTimer = setTimeout(() => void this.#endWorker(), this.#idleMs);
    this.#idleTimer.unref();
  }

  async #endWorker(): Promise<void> {
    const running = this.#running;
    this.#running = undefined;
    clearTimeout(this.#budgetTimer);
    await running?.worker.terminate();
  }
}

function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}
