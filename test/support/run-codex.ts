import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectionLogFilter } from './codex-connections.ts';
import { codexApiKeyVariable } from './codex-home.ts';
import { cleanEnvironment } from './spawn-cli.ts';

const codexBinary = fileURLToPath(new URL('../../node_modules/.bin/codex', import.meta.url));

/** One headless `codex exec` run. */
export interface CodexExecOptions {
  prompt: string;
  model: string;
  /** The working root Codex may write to. */
  workspace: string;
  /** CODEX_HOME, from createCodexHome. */
  home: string;
  /** Every proxy variable points here; only loopback bypasses it. */
  proxyUrl: string;
  timeoutMs?: number;
}

/** What the run printed, its exit code and the agent's last message. */
export interface CodexExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
  lastMessage: string;
}

function proxyEnvironment(proxyUrl: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY']) {
    variables[name] = proxyUrl;
    variables[name.toLowerCase()] = proxyUrl;
  }
  variables.NO_PROXY = '127.0.0.1,localhost';
  variables.no_proxy = variables.NO_PROXY;
  return variables;
}

/** Runs `codex exec` to completion; kills its whole process group when it overruns. */
export async function runCodexExec(options: CodexExecOptions): Promise<CodexExecResult> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const lastMessageFile = path.join(await mkdtemp(path.join(tmpdir(), 'sfgw-codex-out-')), 'last.txt');
  const args = ['exec', '--skip-git-repo-check', '--color', 'never', '-m', options.model];
  args.push('-C', options.workspace, '-o', lastMessageFile, options.prompt);
  const child = spawn(codexBinary, args, {
    cwd: options.workspace,
    // Its own process group, so a timeout also ends the native binary the npm launcher starts.
    detached: true,
    env: cleanEnvironment({
      HOME: options.home,
      CODEX_HOME: options.home,
      [codexApiKeyVariable]: 'gateway-test-key',
      RUST_LOG: connectionLogFilter,
      ...proxyEnvironment(options.proxyUrl),
    }),
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
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      reject(new Error(`codex exec did not finish in ${timeoutMs} ms; stdout: ${stdout}; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  const lastMessage = await readFile(lastMessageFile, 'utf8').catch(() => '');
  return { code, stdout, stderr, lastMessage };
}
