// The cluster primary: forks the workers, which share the listening port through node:cluster,
// replaces the ones that crash (with backoff, and not forever), and drains them all on shutdown.
// It serves no request itself.
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Logger } from 'pino';
import { requestWorkerShutdown } from './cluster-messages.ts';
import { formatListenUrl } from './listen-url.ts';
import { RestartPolicy, type RestartPolicyOptions } from './restart-policy.ts';

/** How to run the workers. */
export interface ClusterOptions {
  workers: number;
  /** The host the workers bind, for the URL in the log. */
  host: string;
  logger: Logger;
  /** Added to every worker's environment. */
  workerEnvironment: Record<string, string>;
  restart?: RestartPolicyOptions;
  /** Called when the cluster cannot start or its workers keep crashing; it should shut down. */
  onFailure: (reason: string) => void;
}

/** A running cluster. */
export interface RunningCluster {
  /** The URL, once every worker first listens. */
  listening: Promise<string>;
  /** Asks every worker to drain; 0 when each one that served exits cleanly, else 1. Runs once. */
  shutdown(): Promise<number>;
  /** Kills every worker at once. */
  kill(): void;
}

const defaultRestartPolicy: RestartPolicyOptions = {
  baseDelayMs: 100,
  maxDelayMs: 10_000,
  maxRestarts: 10,
  windowMs: 60_000,
};

/** `auto` means one worker per CPU core. */
export function resolveWorkerCount(workers: number | 'auto'): number {
  return workers === 'auto' ? availableParallelism() : workers;
}

/** Forks the workers; call in the primary only. */
export function startCluster(options: ClusterOptions): RunningCluster {
  const { logger } = options;
  const policy = new RestartPolicy(options.restart ?? defaultRestartPolicy);
  const live = new Set<Worker>();
  const listened = new WeakSet<Worker>();
  const restartTimers = new Set<NodeJS.Timeout>();
  const listening = Promise.withResolvers<string>();
  const stopped = Promise.withResolvers<number>();
  let started = false;
  let stopping = false;
  let clean = true;

  const fork = () => {
    const worker = cluster.fork(options.workerEnvironment);
    live.add(worker);
    worker.on('listening', (address) => {
      listened.add(worker);
      logger.info({ workerId: worker.id, workerPid: worker.process.pid }, 'worker listening');
      if (started || [...live].some((each) => !listened.has(each)) || live.size < options.workers) return;
      started = true;
      listening.resolve(formatListenUrl(options.host, address.port));
    });
    worker.on('exit', (code, signal) => onExit(worker, code, signal));
  };

  const onExit = (worker: Worker, code: number | null, signal: string | null) => {
    live.delete(worker);
    const served = listened.has(worker);
    if (stopping) {
      if (served && code !== 0) clean = false;
      if (live.size === 0) stopped.resolve(clean ? 0 : 1);
      return;
    }
    logger.warn({ workerId: worker.id, workerPid: worker.process.pid, code, signal }, 'worker exited');
    if (!started) return options.onFailure('a worker exited before the cluster was listening');
    const decision = policy.recordCrash();
    if (!decision.restart) {
      return options.onFailure(`workers crashed ${decision.crashes} times within a minute`);
    }
    const timer = setTimeout(() => {
      restartTimers.delete(timer);
      if (!stopping) fork();
    }, decision.delayMs);
    restartTimers.add(timer);
  };

  for (let index = 0; index < options.workers; index += 1) fork();
  return {
    listening: listening.promise,
    shutdown() {
      if (!stopping) {
        stopping = true;
        for (const timer of restartTimers) clearTimeout(timer);
        // A worker still starting may not listen for messages yet; a signal reaches it anyway.
        for (const worker of live) {
          if (listened.has(worker)) requestWorkerShutdown(worker);
          else worker.process.kill('SIGTERM');
        }
        if (live.size === 0) stopped.resolve(clean ? 0 : 1);
      }
      return stopped.promise;
    },
    kill() {
      for (const worker of live) worker.process.kill('SIGKILL');
    },
  };
}
