import { homedir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';

/** Where the background gateway keeps its files. */
export interface ServicePaths {
  /** Holds the PID alone, as init scripts expect. */
  pidFile: string;
  logFile: string;
  /** Beside the PID file: the URL the gateway answers on, for status. */
  recordFile: string;
}

/** Flags that move the service files. */
export interface ServicePathFlags {
  pidFile?: string;
  logFile?: string;
}

/** Adds --pid-file and --log-file to a service command. */
export function addServicePathOptions(command: Command): Command {
  return command
    .option('--pid-file <file>', 'PID file (default ~/.sfgw/sfgw.pid; /var/run/sfgw/sfgw.pid in production)')
    .option('--log-file <file>', 'log file (default ~/.sfgw/sfgw.log; /var/log/sfgw/sfgw.log in production)');
}

/** The service files: flags first, then system paths when ENVIRONMENT=production, else under HOME. */
export function resolveServicePaths(
  flags: ServicePathFlags,
  environment: NodeJS.ProcessEnv = process.env,
): ServicePaths {
  const production = environment.ENVIRONMENT === 'production';
  const home = environment.HOME || homedir();
  const pidFile = path.resolve(
    flags.pidFile ?? (production ? '/var/run/sfgw/sfgw.pid' : path.join(home, '.sfgw', 'sfgw.pid')),
  );
  const logFile = path.resolve(
    flags.logFile ?? (production ? '/var/log/sfgw/sfgw.log' : path.join(home, '.sfgw', 'sfgw.log')),
  );
  return { pidFile, logFile, recordFile: `${pidFile}.json` };
}
