/**
 * V8's young generation capped at 8 MiB a semi-space. With V8's default the gateway's RSS at c=50
 * peaked near 300 MiB, most of it young generation; with the cap, about 170 MiB, at the same
 * throughput (`npm run bench`). `npm start`, `sfgw start` and the image all run with it.
 */
export const youngGenerationLimitFlag = '--max-semi-space-size=8';

/** `execArgv` with the cap added, unless the command line or NODE_OPTIONS already sets one. */
export function withYoungGenerationLimit(execArgv: readonly string[], nodeOptions = ''): string[] {
  const alreadySet = [...execArgv, ...nodeOptions.split(/\s+/)].some((argument) =>
    argument.startsWith('--max-semi-space-size'),
  );
  return alreadySet ? [...execArgv] : [youngGenerationLimitFlag, ...execArgv];
}
