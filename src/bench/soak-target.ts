import { exitCodes } from '../cli/exit-codes.ts';
import { apiKeyFrom } from '../cli/gateway-client.ts';
import {
  createProcessMemoryReader,
  createReportedMemoryReader,
  type MemoryReader,
} from './gateway-memory.ts';
import { isLoopback } from './is-loopback.ts';

/** The gateway being soaked and how to read its memory. */
export interface SoakTarget {
  url: string;
  description: string;
  headers: Record<string, string>;
  readMemory: MemoryReader;
  /** Resolves if the gateway process ends (only known for a gateway the soak started). */
  exited: Promise<string> | undefined;
  outputTail: () => string[];
  stop: () => Promise<void>;
}

/** Starts a gateway of its own in a child process, or returns the exit code of the failure. */
export async function startOwnGateway(): Promise<SoakTarget | number> {
  // imported on use so that every other command starts without loading the simulator
  const { startSoakGateway } = await import('./soak-gateway.ts');
  let gateway: Awaited<ReturnType<typeof startSoakGateway>>;
  try {
    gateway = await startSoakGateway();
  } catch (error) {
    process.stderr.write(`sfgw: ${(error as Error).message}\n`);
    return exitCodes.failure;
  }
  return {
    url: gateway.url,
    description: `gateway PID ${gateway.pid} at ${gateway.url} (child process, live mode against a local simulator)`,
    headers: {},
    readMemory: createProcessMemoryReader(gateway.pid, createReportedMemoryReader(gateway.url, {})),
    exited: gateway.exited,
    outputTail: gateway.outputTail,
    stop: gateway.stop,
  };
}

/** A gateway already running on this machine, checked to report its memory, or the exit code of the failure. */
export async function attachToGateway(
  rawUrl: string,
  options: { apiKey?: string },
): Promise<SoakTarget | number> {
  if (!URL.canParse(rawUrl)) {
    process.stderr.write(`sfgw: --url ${rawUrl} is not a URL; use e.g. http://127.0.0.1:8000.\n`);
    return exitCodes.badConfig;
  }
  if (!isLoopback(rawUrl)) {
    process.stderr.write(`sfgw: ${rawUrl} is not on this machine; soak only loads a gateway on loopback.\n`);
    return exitCodes.badConfig;
  }
  const url = rawUrl.replace(/\/+$/, '');
  const apiKey = apiKeyFrom(options);
  const headers: Record<string, string> =
    apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}`, 'x-api-key': apiKey };
  const readMemory = createReportedMemoryReader(url, headers);
  try {
    await readMemory();
  } catch (error) {
    process.stderr.write(`sfgw: cannot read the gateway's memory at ${url}: ${describeError(error)}\n`);
    // fetch fails with a TypeError when nothing answers; an answer that is not the report is another failure
    const unreachable = error instanceof TypeError || (error as Error).name === 'TimeoutError';
    return unreachable ? exitCodes.unreachable : exitCodes.failure;
  }
  return {
    url,
    description: `the gateway at ${url} (RSS as it reports it)`,
    headers,
    readMemory,
    exited: undefined,
    outputTail: () => [],
    stop: async () => {},
  };
}

function describeError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause?.code;
  if (typeof cause === 'string') return cause;
  return error instanceof Error ? error.message : String(error);
}
