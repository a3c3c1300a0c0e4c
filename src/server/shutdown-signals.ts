import type { Logger } from 'pino';

/** What the process does when asked to stop. */
export interface ShutdownSignalOptions {
  logger: Logger;
  /** Drains and closes everything; resolves with the exit code. */
  shutdown: (reason: string) => Promise<number>;
  /** Longest a shutdown may take before the process is forced out with exit code 1. */
  backstopMs: number;
  /** Leaves the process; default process.exit. */
  exit?: (code: number) => void;
  /** Where signals arrive; default process. */
  signals?: NodeJS.EventEmitter;
}

/**
 * The first SIGTERM or SIGINT starts a graceful shutdown and exits with its code; a second one
 * exits 1 at once. Returns a function that starts the same shutdown for another reason (a message
 * from the cluster primary); that does not count as a signal, so one Ctrl-C reaching both a worker
 * and its primary still drains.
 */
export function handleShutdownSignals(options: ShutdownSignalOptions): (reason: string) => void {
  const { logger } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? process;
  let started = false;
  let signalsSeen = 0;
  const begin = (reason: string) => {
    if (started) return;
    started = true;
    const backstop = setTimeout(() => {
      logger.error({ backstopMs: options.backstopMs }, 'shutdown did not finish in time; exiting');
      exit(1);
    }, options.backstopMs);
    backstop.unref();
    options.shutdown(reason).then(
      (code) => {
        clearTimeout(backstop);
        exit(code);
      },
      (error: unknown) => {
        clearTimeout(backstop);
        logger.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  const onSignal = (signal: NodeJS.Signals) => {
    signalsSeen += 1;
    if (signalsSeen > 1) {
      logger.warn({ signal }, 'second signal during shutdown; exiting without waiting');
      exit(1);
      return;
    }
    begin(signal);
  };
  signals.on('SIGTERM', onSignal);
  signals.on('SIGINT', onSignal);
  return begin;
}
