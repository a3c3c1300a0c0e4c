import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliLineParts, cliPrefix, parseCliLine, readmeCliLines } from './support/readme-cli-lines.ts';
import { type CliResult, cleanEnvironment, runToCompletion } from './support/spawn-cli.ts';

// Runs every CLI line of the README's code blocks through a shell, as a reader on a fresh clone
// would: `--help` for each, and the line itself where it only reads the local config.

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const readme = await readFile(path.join(repositoryRoot, 'README.md'), 'utf8');
const cliLines = readmeCliLines(readme);
// commands run for real as well: they only read the local config and answer at once
const commandsSafeToRun = new Set(['config check']);

let environment: NodeJS.ProcessEnv;

beforeAll(async () => {
  const home = await mkdtemp(path.join(tmpdir(), 'sfgw-readme-cli-'));
  const config = path.join(home, 'empty.config.json');
  await writeFile(config, '{}');
  environment = readerEnvironment({ HOME: home, SFGW_CONFIG: config });
});

/**
 * The caller's environment as a reader's shell has it: without the npm run that started the
 * tests (its variables and node_modules/.bin on the PATH would hide a line that needs them),
 * and with npm's update check off so that nothing leaves the machine.
 */
function readerEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const environment = cleanEnvironment({ ...extra, npm_config_update_notifier: 'false' });
  for (const name of Object.keys(environment)) {
    if (name.startsWith('npm_') && name !== 'npm_config_update_notifier') delete environment[name];
  }
  environment.PATH = (environment.PATH ?? '')
    .split(path.delimiter)
    .filter((entry) => !entry.includes(`node_modules${path.sep}.bin`))
    .join(path.delimiter);
  return environment;
}

function runInShell(line: string, timeoutMs = 30_000): Promise<CliResult> {
  return runToCompletion('sh', ['-c', line], {
    cwd: repositoryRoot,
    env: environment,
    timeoutMs,
    description: line,
  });
}

function partsOf(line: string): CliLineParts {
  const parts = parseCliLine(line);
  if (!parts) throw new Error(`README line "${line}" is not written as "${cliPrefix}<command> …"`);
  return parts;
}

describe('README command lines', () => {
  const safeLines = cliLines.filter((line) =>
    commandsSafeToRun.has(parseCliLine(line)?.command.join(' ') ?? ''),
  );

  it('are found in the code blocks, the safe ones too', () => {
    expect(cliLines.length).toBeGreaterThan(10);
    expect(safeLines).toHaveLength(commandsSafeToRun.size);
  });

  it.concurrent.each(cliLines)(
    '%s: --help answers and lists the flags shown',
    { timeout: 40_000 },
    async (line) => {
      const { command, flags } = partsOf(line);
      const help = await runInShell(`${cliPrefix}${[...command, '--help'].join(' ')}`);
      expect(help.code, help.stderr).toBe(0);
      expect(help.stdout).toContain(`Usage: sfgw ${command.join(' ')} [options]`);
      for (const shown of flags) expect(help.stdout).toMatch(new RegExp(`(?<![\\w-])${shown}(?![\\w-])`));
    },
  );

  it.concurrent.each(safeLines)('%s: runs, without its optional flags', { timeout: 40_000 }, async (line) => {
    const result = await runInShell(`${cliPrefix}${partsOf(line).command.join(' ')}`);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('mode: demo');
  });
});
