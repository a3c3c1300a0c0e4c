import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from './build-when-stale.ts';

/** The node command line of package.json's `start` script: node's own flags and the CLI entry. */
export interface NpmStartCommand {
  /** Flags before the entry, e.g. the young-generation limit. */
  nodeArguments: string[];
  /** The CLI entry, absolute. */
  entry: string;
}

/**
 * Reads `scripts.start` (`node [flags…] <entry> serve`) so the bench starts the gateway exactly
 * as `npm start` does, and cannot drift from it when the script changes.
 */
export async function readNpmStartCommand(): Promise<NpmStartCommand> {
  const manifest = JSON.parse(await readFile(path.join(packageRoot, 'package.json'), 'utf8')) as {
    scripts?: { start?: string };
  };
  return parseNpmStartScript(manifest.scripts?.start ?? '');
}

/** `node --flag dist/cli/main.js serve` -> its flags and absolute entry; throws on any other shape. */
export function parseNpmStartScript(script: string): NpmStartCommand {
  const words = script.trim().split(/\s+/);
  const entryAt = words.findIndex((word, index) => index > 0 && !word.startsWith('-'));
  if (words[0] !== 'node' || entryAt < 0 || words.slice(entryAt + 1).join(' ') !== 'serve')
    throw new Error(`package.json's start script is not \`node [flags] <entry> serve\`: ${script}`);
  return {
    nodeArguments: words.slice(1, entryAt),
    entry: path.join(packageRoot, words[entryAt] as string),
  };
}
