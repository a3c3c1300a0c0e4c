import { exitCodes } from '../cli/exit-codes.ts';
import { youngGenerationLimitFlag } from '../cli/young-generation-limit.ts';
import { createProcessMemoryReader, createReportedMemoryReader } from './gateway-memory.ts';
import { formatPausedReadersReport, judgePausedReadersRound } from './paused-readers-report.ts';
import { playPausedReadersRound } from './paused-readers-round.ts';

/** RSS a round may leave behind: memory taken by readers that are gone must come back. */
const maxGrowthBytes = 64 * 2 ** 20;
/** Longer than twice the default stall timeout, plus the time the answers take to pile up. */
const holdLimitMs = 45_000;
/** The gateway runs with the young generation the image gives it (see the Dockerfile). */
const nodeOptions = youngGenerationLimitFlag;

/**
 * `sfgw bench --paused-readers <count>`: a gateway in a child process of its own (so its RSS is
 * its own), `count` streaming requests that never read their answers, and a report of the slots
 * they held, what an ordinary request got meanwhile and after, and the gateway's RSS.
 */
export async function benchPausedReaders(readers: number): Promise<number> {
  // imported on use so that every other command starts without loading the simulator
  const { startSoakGateway } = await import('./soak-gateway.ts');
  let gateway: Awaited<ReturnType<typeof startSoakGateway>>;
  try {
    gateway = await startSoakGateway({ nodeOptions });
  } catch (error) {
    process.stderr.write(`sfgw: ${(error as Error).message}\n`);
    return exitCodes.failure;
  }
  try {
    process.stdout.write(
      `paused readers: ${readers} streaming requests that never read their answers, against gateway PID ${gateway.pid} at ${gateway.url} (child process, default settings, NODE_OPTIONS=${nodeOptions})\n`,
    );
    const round = await playPausedReadersRound(
      {
        url: gateway.url,
        simulator: gateway.simulator,
        readMemory: createProcessMemoryReader(gateway.pid, createReportedMemoryReader(gateway.url, {})),
      },
      { readers, holdLimitMs },
    );
    const verdict = judgePausedReadersRound(round, maxGrowthBytes);
    process.stdout.write(`${formatPausedReadersReport(round, verdict).join('\n')}\n`);
    return verdict.passed ? exitCodes.ok : exitCodes.failure;
  } finally {
    await gateway.stop();
  }
}
