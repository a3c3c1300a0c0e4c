import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importedPaths } from './support/imported-paths.ts';

const sourceFolder = path.resolve(import.meta.dirname, '../src');
const gatewayFile = path.join(sourceFolder, 'gateway.ts');

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
