import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { renderToolCalls } from '../src/emulation/tools/envelope.ts';
import type { Reply, ReplyRequest } from '../src/simulator/simulator.ts';
import { describeEachSurface, expectAppHeaders, type UpstreamSurface } from './support/each-surface.ts';
import { cleanEnvironment } from './support/spawn-cli.ts';

// The real Claude Code CLI, headless, pointed at gateway + simulator: the model (scripted in
// the simulator) asks for the Write tool, Claude Code runs it locally and sends the result
// back, and the final answer is printed. The file on disk proves the loop closed. On the native
// surface the call is a real tool_use, streamed over the Bedrock event-stream route.

const claudeBinary = fileURLToPath(new URL('../node_modules/.bin/claude', import.meta.url));
const finalAnswer = 'The file is written.';

/** Whether the request offers the Write tool: in the emulation prompt, or as a native Bedrock tool. */
function offersWrite(request: ReplyRequest, surface: UpstreamSurface): boolean {
  if (surface === 'native') {
    const tools = (request.body as { tools?: Array<{ name?: string }> }).tools ?? [];
    return tools.some((tool) => tool.name === 'Write');
  }
  const system = request.messages
    .filter((message) => message.role === 'system')
    .map((message) => message.content)
    .join('\n');
  return system.includes('<tools>') && system.includes('"Write"');
}

/** Answers like a model would: call Write once, then confirm; side calls get a short reply. */
function scriptWriteScenario(target: string, content: string, surface: UpstreamSurface) {
  return (request: ReplyRequest): Reply => {
    const last = request.messages.at(-1)?.content ?? '';
    if (!offersWrite(request, surface)) return 'OK';
    if (last.includes('<tool_results>')) return finalAnswer;
    const call = { name: 'Write', arguments: { file_path: target, content } };
    if (surface === 'native') return { text: 'I will create the file.', toolCalls: [call] };
    return `I will create the file.\n${renderToolCalls([call])}`;
  };
}

function runClaude(gatewayUrl: string, args: string[], workingDirectory: string, home: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(claudeBinary, args, {
      cwd: workingDirectory,
      env: cleanEnvironment({
        HOME: home,
        ANTHROPIC_BASE_URL: gatewayUrl,
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

describeEachSurface(
  'Claude Code through the gateway',
  (suite) => {
    const { surface } = suite;
    it('asks for the Write tool, runs it, sends the result back and prints the final answer', async () => {
      const workingDirectory = await mkdtemp(path.join(tmpdir(), 'sfgw-claude-work-'));
      const home = await mkdtemp(path.join(tmpdir(), 'sfgw-claude-home-'));
      const target = path.join(workingDirectory, 'greeting.txt');
      const content = 'Hello from Salesforce, through the gateway.\n';
      suite.stack.simulator.setResponder(scriptWriteScenario(target, content, surface));

      const result = await runClaude(
        suite.stack.url,
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
      if (surface === 'models') {
        const calls = suite.stack.simulator.requests('chat-generations');
        expect(calls.some((call) => String(JSON.stringify(call.body)).includes('<tool_results>'))).toBe(true);
      } else {
        // Claude Code streams: the call and its result went over the Bedrock event-stream route,
        // the tool as a native tool and the result as a tool_result block.
        const calls = suite.stack.simulator.requests('invoke-with-response-stream');
        const withWrite = calls.filter((call) => offersWriteTool(call.body));
        expect(withWrite.length).toBeGreaterThanOrEqual(2);
        for (const call of withWrite) {
          expectAppHeaders(call);
          expect(call.url).toMatch(/^\/ai\/gpt\/v1\/model\/sfdc_ai__DefaultBedrockAnthropicClaude45Sonnet\//);
          expect(JSON.stringify(call.body)).not.toContain('<tools>');
        }
        const sentResult = withWrite.some((call) =>
          JSON.stringify(call.body).includes('"type":"tool_result"'),
        );
        expect(sentResult).toBe(true);
      }
    }, 180_000);
  },
  { settings: { STREAM_KEEPALIVE_MS: '1000' } },
);

function offersWriteTool(body: unknown): boolean {
  return ((body as { tools?: Array<{ name?: string }> }).tools ?? []).some((tool) => tool.name === 'Write');
}
