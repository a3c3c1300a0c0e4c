import path from 'node:path';
import { youngGenerationLimitFlag } from '../cli/young-generation-limit.ts';
import { buildWhenStale, packageRoot } from './build-when-stale.ts';
import { readNpmStartCommand } from './npm-start-command.ts';

/** The ways the gateway is started in practice. */
export const startModeNames = ['npm-start', 'container'] as const;

/** One way the gateway is started in practice. */
export interface StartMode {
  name: (typeof startModeNames)[number];
  /** The CLI entry node runs. */
  entry: string;
  /** Node's flags before the entry. */
  nodeArguments: string[];
  /** NODE_OPTIONS it runs with; none when empty. */
  nodeOptions: string;
  env: Record<string, string>;
}

/** `npm start` (its script's node flags and entry) and the Dockerfile's command (compiled, its NODE_OPTIONS). */
export async function readStartModes(): Promise<StartMode[]> {
  await buildWhenStale();
  const npmStart = await readNpmStartCommand();
  return [
    { name: 'npm-start', ...npmStart, nodeOptions: '', env: {} },
    {
      name: 'container',
      entry: path.join(packageRoot, 'dist/cli/main.js'),
      nodeArguments: [],
      nodeOptions: youngGenerationLimitFlag,
      env: { NODE_ENV: 'production' },
    },
  ];
}
