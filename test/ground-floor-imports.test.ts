import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importedPaths } from './support/imported-paths.ts';

const sourceFolder = path.resolve(import.meta.dirname, '../src');

// What ships: a test may wire a floor to its real neighbours (a real schema validator, say).
async function sourceFiles(floor: string): Promise<string[]> {
  const entries = await readdir(path.join(sourceFolder, floor), { recursive: true });
  return entries
    .filter((entry) => entry.endsWith('.ts') && !entry.endsWith('.test.ts'))
    .map((entry) => path.join(sourceFolder, floor, entry));
}

/** Every import of `floor`'s source files that reaches a folder of src/ other than `allowed`. */
async function importsBeyond(floor: string, allowed: string[]): Promise<string[]> {
  const reached: string[] = [];
  for (const file of await sourceFiles(floor)) {
    for (const imported of await importedPaths(file)) {
      const relative = path.relative(sourceFolder, imported);
      if (relative.startsWith('..')) continue;
      const [importedFloor] = relative.split(path.sep);
      if (![floor, ...allowed].includes(importedFloor as string)) {
        reached.push(`${path.relative(sourceFolder, file)} -> ${relative}`);
      }
    }
  }
  return reached;
}

describe('the neutral core', () => {
  it('reads the imports of its files', async () => {
    const pipeline = path.join(sourceFolder, 'core', 'pipeline.ts');
    expect(await sourceFiles('core')).toContain(pipeline);
    expect(await importedPaths(pipeline)).toContain(path.join(sourceFolder, 'core', 'errors.ts'));
  });

  it('imports nothing from the floors above it', async () => {
    expect(await importsBeyond('core', [])).toEqual([]);
  });
});

describe('observability', () => {
  it('declares its own sample shapes, so it imports nothing but the core', async () => {
    expect(await sourceFiles('observability')).toContain(
      path.join(sourceFolder, 'observability', 'metrics.ts'),
    );
    expect(await importsBeyond('observability', ['core'])).toEqual([]);
  });
});
