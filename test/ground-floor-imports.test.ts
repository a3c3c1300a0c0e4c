import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importedPaths } from './support/imported-paths.ts';

const sourceFolder = path.resolve(import.meta.dirname, '../src');
const coreFolder = path.join(sourceFolder, 'core');
const floorsAbove = ['emulation', 'streaming', 'protocols', 'providers', 'server', 'transport'];

// What ships: a test may wire core to its real neighbours (a real schema validator, say).
async function coreSourceFiles(): Promise<string[]> {
  const entries = await readdir(coreFolder, { recursive: true });
  return entries
    .filter((entry) => entry.endsWith('.ts') && !entry.endsWith('.test.ts'))
    .map((entry) => path.join(coreFolder, entry));
}

describe('the neutral core', () => {
  it('reads the imports of its files', async () => {
    const files = await coreSourceFiles();
    expect(files).toContain(path.join(coreFolder, 'pipeline.ts'));
    expect(await importedPaths(path.join(coreFolder, 'pipeline.ts'))).toContain(
      path.join(coreFolder, 'errors.ts'),
    );
  });

  it('imports nothing from the floors above it', async () => {
    const upward: string[] = [];
    for (const file of await coreSourceFiles()) {
      for (const imported of await importedPaths(file)) {
        const [floor] = path.relative(sourceFolder, imported).split(path.sep);
        if (floorsAbove.includes(floor as string)) {
          upward.push(`${path.relative(sourceFolder, file)} -> ${path.relative(sourceFolder, imported)}`);
        }
      }
    }
    expect(upward).toEqual([]);
  });
});
