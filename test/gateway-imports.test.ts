import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const sourceFolder = path.resolve(import.meta.dirname, '../src');
const gatewayFile = path.join(sourceFolder, 'gateway.ts');

// Every `from '…'`, `import '…'` and `import('…')` specifier, resolved against the importing file.
async function importedPaths(file: string): Promise<string[]> {
  const source = await readFile(file, 'utf8');
  const specifiers = [...source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"]+)['"]/g)].map(
    (match) => match[1] as string,
  );
  return specifiers.map((specifier) => path.resolve(path.dirname(file), specifier));
}

describe('the composition root', () => {
  it('reads the imports of gateway.ts', async () => {
    expect(await importedPaths(gatewayFile)).toContain(path.join(sourceFolder, 'core/pipeline.ts'));
  });

  it('imports nothing from the simulator: demo mode is started by the serve path', async () => {
    const simulatorFolder = path.join(sourceFolder, 'simulator') + path.sep;
    const fromSimulator = (await importedPaths(gatewayFile)).filter((imported) =>
      imported.startsWith(simulatorFolder),
    );
    expect(fromSimulator).toEqual([]);
  });
});
