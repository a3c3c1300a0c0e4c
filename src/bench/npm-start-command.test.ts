import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { youngGenerationLimitFlag } from '../cli/young-generation-limit.ts';
import { packageRoot } from './build-when-stale.ts';
import { parseNpmStartScript, readNpmStartCommand } from './npm-start-command.ts';

describe('parseNpmStartScript', () => {
  it('splits node flags from the entry', () => {
    expect(parseNpmStartScript('node --max-semi-space-size=8 --trace-gc dist/cli/main.js serve')).toEqual({
      nodeArguments: ['--max-semi-space-size=8', '--trace-gc'],
      entry: path.join(packageRoot, 'dist/cli/main.js'),
    });
  });

  it('takes a script with no flags', () => {
    expect(parseNpmStartScript('node src/cli/main.ts serve').nodeArguments).toEqual([]);
  });

  it.each(['tsx src/cli/main.ts serve', 'node dist/cli/main.js', 'node dist/cli/main.js serve --port 1', ''])(
    'refuses %j, which the bench could not reproduce',
    (script) => {
      expect(() => parseNpmStartScript(script)).toThrow(/start script/);
    },
  );
});

describe('readNpmStartCommand', () => {
  it("reads this package's own start script: compiled output, with the young-generation limit", async () => {
    const command = await readNpmStartCommand();
    expect(command.entry).toBe(path.join(packageRoot, 'dist/cli/main.js'));
    expect(command.nodeArguments).toContain(youngGenerationLimitFlag);
  });
});
