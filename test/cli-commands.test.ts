import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../src/simulator/simulator.ts';
import { cleanEnvironment, cliEntry, type RunningCli, runCli, startCli } from './support/spawn-cli.ts';

// The client commands and bench, against one demo gateway started for the whole file.

let gateway: RunningCli;
let url: string;
let folder: string;
let environment: NodeJS.ProcessEnv;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'sfgw-commands-'));
  environment = cleanEnvironment({ HOME: folder });
  gateway = startCli(['serve', '--port', '0'], cleanEnvironment({ HOME: folder, LOG_LEVEL: 'info' }));
  const line = await gateway.waitForLine(/sf-models-gateway listening/);
  url = (JSON.parse(line) as { url: string }).url;
});

afterAll(async () => {
  await gateway?.stop();
});

describe('commands against a running gateway', () => {
  it('generate streams the demo reply to stdout', async () => {
    const result = await runCli(['generate', '--url', url, 'how are the tides today'], environment);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('how are the tides today');
  });

  it('generate --json prints the whole chat completion', async () => {
    const result = await runCli(
      ['generate', '--url', url, '--json', '--model', 'gpt-4o', '--system', 'be brief', 'ping'],
      environment,
    );
    expect(result.code, result.stderr).toBe(0);
    const completion = JSON.parse(result.stdout) as {
      object: string;
      model: string;
      choices: { message: { content: string } }[];
    };
    expect(completion).toMatchObject({ object: 'chat.completion', model: 'gpt-4o' });
    expect(completion.choices[0]?.message.content).toContain('ping');
  });

  it('generate explains a gateway error and exits 1', async () => {
    const result = await runCli(['generate', '--url', url, '--model', 'no-such-model', 'hi'], environment);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/404: The model 'no-such-model' does not exist/);
  });

  it('models --json lists the catalog, and the table shows the same names', async () => {
    const json = await runCli(['models', '--url', url, '--json'], environment);
    expect(json.code).toBe(0);
    const ids = (JSON.parse(json.stdout) as { data: { id: string }[] }).data.map((model) => model.id);
    expect(ids).toContain('gpt-4o-mini');
    const table = await runCli(['models', '--url', url], environment);
    expect(table.stdout.split('\n')[0]).toMatch(/^MODEL\s+OWNED BY\s+NAME$/);
    expect(table.stdout.trim().split('\n')).toHaveLength(ids.length + 1);
  });

  it('health prints /health and exits 0 when ok', async () => {
    const result = await runCli(['health', '--url', url], environment);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'ok', mode: 'demo' });
  });

  it('health exits 4 when nothing answers', async () => {
    const closed = await startSimulator({ port: 0 });
    await closed.close();
    const result = await runCli(['health', '--url', closed.url], environment);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(`cannot reach the gateway at ${closed.url}`);
  });

  it('token status shows expiry, age and lifetime used, never the token', async () => {
    await runCli(['generate', '--url', url, 'make sure a token was fetched'], environment);
    const result = await runCli(['token', 'status', '--url', url], environment);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^token: valid/);
    expect(result.stdout).toMatch(/expires:\s+\d{4}-\d\d-\d\dT.*\(in \d+m/);
    expect(result.stdout).toMatch(/lifetime used:\s+\d+\.\d%/);
    expect(result.stdout).not.toMatch(/eyJ/);
  });

  it('chat streams replies and obeys /model, driven through stdin', async () => {
    const result = await runChat(['chat', '--url', url], '/model gpt-4o-mini\nhello\n/reset\n/exit\n');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('model: gpt-4o-mini');
    expect(result.stdout).toContain('Simulated reply to: hello');
    expect(result.stdout).toContain('conversation forgotten');
  });
});

describe('sfgw bench', () => {
  it('runs a tiny in-process load and reports both paths', async () => {
    const result = await runCli(['bench', '--concurrency', '2', '--requests', '10'], environment, 30_000);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^gateway, in-process demo \(10 requests, concurrency 2/m);
    expect(result.stdout).toMatch(/^direct to the simulator's chat-generations/m);
    expect(result.stdout.match(/requests: +10 \(0 errors, 0\.0% error rate\)/g)).toHaveLength(2);
    expect(result.stdout).toMatch(/latency: +p50 [\d.]+ ms +p95 [\d.]+ ms +p99 [\d.]+ ms/);
    expect(result.stdout).toMatch(/throughput: +x[\d.]+/);
    expect(result.stdout).toMatch(/cpu: +[\d.]+ ms per request/);
    expect(result.stdout).toMatch(/peak RSS: [\d.]+ MB/);
  });

  it('refuses a remote URL without --allow-remote (exit 2)', async () => {
    const result = await runCli(
      ['bench', '--url', 'http://203.0.113.7:8000', '--requests', '1'],
      environment,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--allow-remote');
  });
});

// runCli closes stdin; chat needs its input piped in.
function runChat(
  args: string[],
  input: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliEntry, ...args], { env: environment });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}
