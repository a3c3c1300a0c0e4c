import { exitCodes } from '../cli/exit-codes.ts';
import { youngGenerationLimitFlag } from '../cli/young-generation-limit.ts';
import {
  createProcessMemoryReader,
  createReportedMemoryReader,
  type MemoryReader,
} from './gateway-memory.ts';
import { formatMegabytes } from './rss-growth-verdict.ts';
import { whileWatchingLiveness } from './watch-liveness.ts';

// Verdict policy: the gateway passes when no /livez poll waited 500 ms or more while the hostile
// schemas were sent, every one of them was answered within 2 s, and its RSS at the end is within
// 64 MB of what it was after the first quarter of the stream (the compiled-schema cache and the
// schema worker warm up in that quarter; after it, memory must level off).

const longestLivenessWaitMs = 500;
const longestAnswerMs = 2_000;
const maxGrowthBytes = 64 * 2 ** 20;
/** The gateway runs with the young generation the image gives it (see the Dockerfile). */
const nodeOptions = youngGenerationLimitFlag;

/** One property with a pattern of its own per entry: about 50 characters of JSON each. */
function patternedSchema(properties: number, salt: string): Record<string, unknown> {
  const entries = Array.from({ length: properties }, (_, index) => [
    `${salt}_${index}`,
    { type: 'string', pattern: `^[a-z]+${index}$` },
  ]);
  return { type: 'object', properties: Object.fromEntries(entries) };
}

async function countTokens(url: string, schema: Record<string, unknown>): Promise<number> {
  const response = await fetch(`${url}/v1/messages/count_tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({
      model: 'claude-haiku-4-5',
      messages: [{ role: 'user', content: 'hi' }],
      tools: [{ name: 'lookup', input_schema: schema }],
    }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Sends `count` distinct 46 KB schemas one after the other, each new to the gateway. */
async function sendDistinctSchemas(url: string, count: number, readMemory: MemoryReader) {
  let slowestMs = 0;
  let failures = 0;
  let rssAfterQuarterBytes = 0;
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    if ((await countTokens(url, patternedSchema(900, `s${index}`))) !== 200) failures += 1;
    slowestMs = Math.max(slowestMs, performance.now() - started);
    if (index === Math.floor(count / 4)) rssAfterQuarterBytes = (await readMemory()).rssBytes;
  }
  return { slowestMs, failures, rssAfterQuarterBytes };
}

/**
 * `sfgw bench --hostile-schemas <count>`: a gateway in a child process of its own, one oversized
 * schema (3,000 patterned properties), then `count` distinct 46 KB schemas that defeat every
 * cache, while a second client polls /livez; reports the longest poll, the slowest answer and
 * the gateway's RSS, and fails past the bounds above.
 */
export async function benchHostileSchemas(count: number): Promise<number> {
  const { startSoakGateway } = await import('./soak-gateway.ts');
  const gateway = await startSoakGateway({ nodeOptions }).catch((error: unknown) => error as Error);
  if (gateway instanceof Error) {
    process.stderr.write(`sfgw: ${gateway.message}\n`);
    return exitCodes.failure;
  }
  try {
    const readMemory = createProcessMemoryReader(gateway.pid, createReportedMemoryReader(gateway.url, {}));
    const rssAtStartBytes = (await readMemory()).rssBytes;
    process.stdout.write(
      `hostile schemas: one of 3,000 patterned properties, then ${count} distinct 46 KB schemas, against gateway PID ${gateway.pid} (NODE_OPTIONS=${nodeOptions})\n`,
    );
    const oversized = await whileWatchingLiveness(gateway.url, () =>
      countTokens(gateway.url, patternedSchema(3_000, 'big')),
    );
    const stream = await whileWatchingLiveness(gateway.url, () =>
      sendDistinctSchemas(gateway.url, count, readMemory),
    );
    const rssAtEndBytes = (await readMemory()).rssBytes;
    const longestWaitMs = Math.max(oversized.liveness.longestMs, stream.liveness.longestMs);
    const growthBytes = rssAtEndBytes - stream.result.rssAfterQuarterBytes;
    const problems = [
      ...(oversized.result === 400 ? [] : [`the oversized schema got ${oversized.result}, not 400`]),
      ...(stream.result.failures === 0 ? [] : [`${stream.result.failures} schemas were not answered 200`]),
      ...(longestWaitMs < longestLivenessWaitMs
        ? []
        : [`a /livez poll waited ${Math.round(longestWaitMs)} ms`]),
      ...(Math.max(oversized.elapsedMs, stream.result.slowestMs) < longestAnswerMs
        ? []
        : ['an answer took 2 s or more']),
      ...(growthBytes <= maxGrowthBytes ? [] : [`RSS grew ${formatMegabytes(growthBytes)} MB after warm-up`]),
    ];
    const verdict = problems.length === 0 ? 'PASS' : `FAIL: ${problems.join('; ')}`;
    const lines = [
      `  oversized schema:     ${oversized.result} in ${Math.round(oversized.elapsedMs)} ms`,
      `  distinct schemas:     slowest answer ${Math.round(stream.result.slowestMs)} ms`,
      `  longest /livez wait:  ${Math.round(longestWaitMs)} ms`,
      `  RSS at start:         ${formatMegabytes(rssAtStartBytes)} MB`,
      `  RSS after a quarter:  ${formatMegabytes(stream.result.rssAfterQuarterBytes)} MB`,
      `  RSS at end:           ${formatMegabytes(rssAtEndBytes)} MB`,
      `verdict: ${verdict}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return problems.length === 0 ? exitCodes.ok : exitCodes.failure;
  } finally {
    await gateway.stop();
  }
}
