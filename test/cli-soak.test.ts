import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnvironment, runCli } from './support/spawn-cli.ts';

const folder = await mkdtemp(path.join(tmpdir(), 'sfgw-soak-test-'));
const environment = cleanEnvironment({ HOME: folder });

afterAll(() => rm(folder, { recursive: true, force: true }));

describe('sfgw soak', () => {
  it('soaks a gateway in its own process with the whole mix and prints the RSS levels and the verdict', async () => {
    // A 6 s soak is far too short for the gateway's heap to settle, so the growth bound is lifted:
    // this checks the machinery (child gateway, every request kind answered, sampling, report), not
    // the memory claim, which needs the full-length run.
    const result = await runCli(
      ['soak', '--duration', '6', '--warmup', '2', '--concurrency', '4', '--max-growth-mb', '100000'],
      environment,
      30_000,
    );
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^soak: gateway PID \d+ at http:\/\/127\.0\.0\.1:\d+ \(child process/m);
    for (const kind of [
      'openai tools stream',
      'anthropic tools stream',
      'responses stream',
      'count tokens',
    ]) {
      expect(result.stdout).toMatch(new RegExp(`^ {2}${kind} +[1-9]\\d* +0$`, 'm'));
    }
    expect(result.stdout).toMatch(/^ {2}total +[1-9]\d* +0 \(0%\)$/m);
    expect(result.stdout).toMatch(/^RSS at start: +[1-9][\d.]* MB$/m);
    expect(result.stdout).toMatch(
      /^RSS after warm-up: +[1-9][\d.]* MB \(median of the first \d+ samples from 0:02\)$/m,
    );
    expect(result.stdout).toMatch(/^RSS at the end: +[1-9][\d.]* MB/m);
    expect(result.stdout).toMatch(
      /^verdict: PASS\n {2}RSS (grew|shrank) [\d.]+ MB after warm-up, within the 100000\.0 MB bound$/m,
    );
  }, 40_000);

  it('refuses a warm-up as long as the soak and a gateway off this machine (exit 2)', async () => {
    const tooLong = await runCli(['soak', '--duration', '5', '--warmup', '5'], environment);
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toContain('--warmup must be shorter than --duration');
    const remote = await runCli(['soak', '--url', 'http://203.0.113.7:8000'], environment);
    expect(remote.code).toBe(2);
    expect(remote.stderr).toContain('is not on this machine');
  });

  it('reports a gateway URL where nothing answers as unreachable (exit 4)', async () => {
    const result = await runCli(
      ['soak', '--url', 'http://127.0.0.1:9', '--duration', '5', '--warmup', '1'],
      environment,
    );
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("cannot read the gateway's memory at http://127.0.0.1:9");
  });
});
