import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderToolCalls } from '../src/emulation/tools/envelope.ts';
import type { ReplyRequest } from '../src/simulator/simulator.ts';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';
import { cleanEnvironment } from './support/spawn-cli.ts';

// The real Claude Code CLI, headless, pointed at gateway + simulator: the model (scripted in
// the simulator) asks for the Write tool, Claude Code runs it locally and sends the result
// back, and the final answer is printed. The file on disk proves the loop closed.

const claudeBinary = fileURLToPath(new URL('../node_modules/.bin/claude', import.meta.url));
const finalAnswer = 'The file is written.';

let stack: GatewayStack;
beforeAll(async () => {
  stack = await startGatewayStack({ settings: { STREAM_KEEPALIVE_MS: '1000' } });
});
afterAll(async () => {
  await stack?.close();
});

/** Answers like a model would: call Write once, then confirm; side calls get a short reply. */
function scriptWriteScenario(target: string, content: string) {
  return (request: ReplyRequest): string => {
    const system = request.messages
      .filter((message) => message.role === 'system')
      .map((message) => message.content)
      .join('\n');
    const last = request.messages.at(-1)?.content ?? '';
    if (!system.includes('<tools>') || !system.includes('"Write"')) return 'OK';
    if (last.includes('<tool_results>')) return finalAnswer;
    return `I will create the file.\n${renderToolCalls([{ name: 'Write', arguments: { file_path: target, content } }])}`;
  };
}

function runClaude(args: string[], workingDirectory: string, home: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(claudeBinary, args, {
      cwd: workingDirectory,
      env: cleanEnvironment({
        HOME: home,
        ANTHROPIC_BASE_URL: stack.url,
        ANTHROPIC_AUTH_TOKEN: 'gateway-test-token',
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS: '1',
        DISABLE_AUTOUPDATER: '1',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`claude did not finish in time; stdout: ${stdout}; stderr: ${stderr}`));
    }, 150_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('Claude Code through the gateway', () => {
  it('asks for the Write tool, runs it, sends the result back and prints the final answer', async () => {
    const workingDirectory = await mkdtemp(path.join(tmpdir(), 'sfgw-claude-work-'));
    const home = await mkdtemp(path.join(tmpdir(), 'sfgw-claude-home-'));
    const target = path.join(workingDirectory, 'greeting.txt');
    const content = 'Hello from Salesforce, through the gateway.\n';
    stack.simulator.setResponder(scriptWriteScenario(target, content));

    const result = await runClaude(
      [
        '-p',
        `Create the file ${target} containing a greeting.`,
        '--model',
        'claude-sonnet-4-5-20250929',
        '--allowedTools',
        'Write',
        '--permission-mode',
        'acceptEdits',
      ],
      workingDirectory,
      home,
    );

    expect(result.code, result.stderr).toBe(0);
    expect(await readFile(target, 'utf8')).toBe(content);
    expect(result.stdout).toContain(finalAnswer);
    const calls = stack.simulator.requests('chat-generations');
    expect(calls.some((call) => String(JSON.stringify(call.body)).includes('<tool_results>'))).toBe(true);
  }, 180_000);
});
