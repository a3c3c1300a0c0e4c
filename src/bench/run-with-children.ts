import { exitCodes } from '../cli/exit-codes.ts';
import { type BenchProcess, makeBenchFolder, removeBenchFolder } from './bench-processes.ts';
import type { TargetRun } from './measure-target.ts';

/**
 * Runs a bench in a scratch folder, handing it the list where it puts the children it starts;
 * then stops them, last started first, and removes the folder. 0 once the bench has reported
 * (whatever its numbers), 1 with the reason when it could not run.
 */
export async function runWithChildren(
  bench: (folder: string, started: BenchProcess[]) => Promise<void>,
): Promise<number> {
  const folder = await makeBenchFolder();
  const started: BenchProcess[] = [];
  try {
    await bench(folder, started);
    return exitCodes.ok;
  } catch (error) {
    process.stderr.write(`sfgw: ${(error as Error).message}\n`);
    return exitCodes.failure;
  } finally {
    for (const child of started.reverse()) await child.stop();
    await removeBenchFolder(folder);
  }
}

/** Says on stderr how the first failed request of `runs` failed, if one did. */
export function reportFailedRequests(runs: TargetRun[]): void {
  const failed = runs.find((run) => run.errors > 0);
  if (failed) process.stderr.write(`sfgw: some requests failed, the first with: ${failed.firstError}\n`);
}
