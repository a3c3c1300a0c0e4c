import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeformInputBegin, freeformInputEnd } from '../src/simulator/freeform-input.ts';
import { nonLoopbackTargets, readConnectionTargets } from './support/codex-connections.ts';
import { createCodexHome } from './support/codex-home.ts';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';
import { type RefusingProxy, startRefusingProxy } from './support/refusing-proxy.ts';
import { type CodexExecResult, runCodexExec } from './support/run-codex.ts';

// The real Codex CLI, headless (`codex exec`), with the gateway and simulator as its only model
// provider. The fake model's replies come from the simulator's default scenarios, steered by the
// prompt (`key=value` argument hints, a marked freeform input), or queued when the answer is fixed.
// Every run must stay on loopback: proxy variables send other hosts to a proxy that refuses and
// records them, and Codex's own connection log must name no other host.

let stack: GatewayStack;
let proxy: RefusingProxy;
let codexHome: string;

beforeAll(async () => {
  stack = await startGatewayStack();
  proxy = await startRefusingProxy();
  codexHome = await createCodexHome(stack.url);
});
afterAll(async () => {
  await stack?.close();
  await proxy?.close();
});

const newWorkspace = () => mkdtemp(path.join(tmpdir(), 'sfgw-codex-work-'));

/** Runs Codex and fails unless it exited cleanly and reached the gateway and nothing else. */
async function runOnLoopback(prompt: string, model: string, workspace: string): Promise<CodexExecResult> {
  const attemptsBefore = proxy.attempts.length;
  const result = await runCodexExec({ prompt, model, workspace, home: codexHome, proxyUrl: proxy.url });
  expect(result.code, result.stderr).toBe(0);
  expect(proxy.attempts.slice(attemptsBefore)).toEqual([]);
  const targets = readConnectionTargets(result.stderr);
  // The log must show the gateway connection, or an empty list below would prove nothing.
  expect(targets).toContain(`${stack.url}/`);
  expect(nonLoopbackTargets(targets)).toEqual([]);
  return result;
}

/** The text of every prompt the gateway sent upstream, to see what came back from Codex's tools. */
function upstreamPrompts(): string {
  return stack.simulator
    .requests('chat-generations')
    .map((request) => JSON.stringify(request.body))
    .join('\n');
}

describe('Codex CLI through the gateway', () => {
  it('answers a plain prompt', async () => {
    const answer = 'Hello from Salesforce, through the gateway.';
    stack.simulator.enqueueReplies(answer);

    const result = await runOnLoopback('Say hello to the gateway.', 'gpt-4.1', await newWorkspace());

    expect(result.lastMessage.trim()).toBe(answer);
    expect(upstreamPrompts()).toContain('Say hello to the gateway.');
  }, 40_000);

  it('runs the shell tool the model calls and sends the output back for the answer', async () => {
    const workspace = await newWorkspace();
    const command = 'printf shell-loop-ok > proof.txt && cat proof.txt';
    const prompt = `Use exec_command with cmd="${command}" workdir=${workspace} shell=/bin/sh tty=false login=false max_output_tokens=1000 yield_time_ms=5000`;

    const result = await runOnLoopback(prompt, 'gpt-4.1', workspace);

    expect(await readFile(path.join(workspace, 'proof.txt'), 'utf8')).toBe('shell-loop-ok');
    expect(upstreamPrompts()).toMatch(/<tool_results>[\s\S]*shell-loop-ok/);
    expect(result.lastMessage).toMatch(/^Based on the tool results: exec_command: [\s\S]*shell-loop-ok/);
  }, 40_000);

  it('applies the patches a GPT-5-family model sends apply_patch: creates a file, then edits it', async () => {
    const workspace = await newWorkspace();
    const notes = path.join(workspace, 'notes.txt');

    const created = await runOnLoopback(
      applyPatchPrompt('Create notes.txt.', ['*** Add File: notes.txt', '+first line']),
      'gpt-5.5',
      workspace,
    );
    expect(await readFile(notes, 'utf8')).toBe('first line\n');
    expect(created.lastMessage).toMatch(
      /^Based on the tool results: apply_patch: [\s\S]*Success[\s\S]*A notes\.txt/,
    );

    const edited = await runOnLoopback(
      applyPatchPrompt('Edit notes.txt.', [
        '*** Update File: notes.txt',
        '@@',
        '-first line',
        '+first line, edited',
      ]),
      'gpt-5.5',
      workspace,
    );
    expect(await readFile(notes, 'utf8')).toBe('first line, edited\n');
    expect(edited.lastMessage).toMatch(
      /^Based on the tool results: apply_patch: [\s\S]*Success[\s\S]*M notes\.txt/,
    );
  }, 60_000);
});

/** A request whose marked input the fake model sends, verbatim, as Codex's freeform apply_patch. */
function applyPatchPrompt(request: string, patchBody: string[]): string {
  const patch = ['*** Begin Patch', ...patchBody, '*** End Patch'];
  return [`${request} Use apply_patch.`, freeformInputBegin, ...patch, freeformInputEnd].join('\n');
}
