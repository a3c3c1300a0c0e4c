import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { settings } from '../../src/config/schema.ts';

/** The CLI entry point, run from source by the repo's Node 24. */
export const cliEntry = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

const isGatewaySetting = (name: string) => name in settings || name.startsWith('SFGW_');

/** An environment without any gateway or Salesforce settings inherited from the caller. */
export function cleanEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (isGatewaySetting(name)) continue;
    environment[name] = value;
  }
  return { ...environment, ...extra };
}

/** Output and exit code of a CLI run that is expected to end by itself. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `sfgw <args>` to completion (bounded by timeoutMs). */
export function runCli(
  args: string[],
  environment: NodeJS.ProcessEnv,
  timeoutMs = 15_000,
): Promise<CliResult> {
  return runToCompletion(process.execPath, [cliEntry, ...args], {
    env: environment,
    timeoutMs,
    description: `sfgw ${args.join(' ')}`,
  });
}

/** How runToCompletion starts a process and how long it waits for it. */
export interface CompletionOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs: number;
  /** Names the process in the error when it does not end in time. */
  description: string;
}

/** Runs any command to completion, collecting its output; killed and rejected after timeoutMs. */
export function runToCompletion(
  command: string,
  args: string[],
  options: CompletionOptions,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.description} did not exit within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A long-running CLI process and the text it has printed so far. */
export interface RunningCli {
  child: ChildProcess;
  output: () => { stdout: string; stderr: string };
  /** Resolves with the first stdout line matching the pattern. */
  waitForLine: (pattern: RegExp, timeoutMs?: number) => Promise<string>;
  stop: () => Promise<number | null>;
}

/** Starts `sfgw <args>` in the background. */
export function startCli(args: string[], environment: NodeJS.ProcessEnv): RunningCli {
  const child = spawn(process.execPath, [cliEntry, ...args], {
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => ({ stdout, stderr }),
    waitForLine: (pattern, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const deadline = setTimeout(() => {
          clearInterval(poll);
          reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; stderr: ${stderr}`));
        }, timeoutMs);
        const poll = setInterval(() => {
          const line = stdout.split('\n').find((candidate) => pattern.test(candidate));
          if (line !== undefined) {
            clearInterval(poll);
            clearTimeout(deadline);
            resolve(line);
          }
        }, 20);
      }),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
