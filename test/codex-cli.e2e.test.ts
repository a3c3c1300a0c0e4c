import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freeformInputBegin, freeformInputEnd } from '../src/simulator/freeform-input.ts';
import { nonLoopbackTargets, readConnectionTargets } from './support/codex-connections.ts';
import { createCodexHome } from './support/codex-home.ts';
import { describeEachSurface, expectAppHeaders } from './support/each-surface.ts';
import type { NativeResponsesBody } from './support/native-bodies.ts';
import { type RefusingProxy, startRefusingProxy } from './support/refusing-proxy.ts';
import { type CodexExecResult, runCodexExec } from './support/run-codex.ts';

// The real Codex CLI, headless (`codex exec`), with the gateway and simulator as its only model
// provider. The fake model's replies come from the simulator's default scenarios, steered by the
// prompt (`key=value` argument hints, a marked freeform input), or queued when the answer is fixed.
// Every run must stay on loopback: proxy variables send other hosts to a proxy that refuses and
// records them, and Codex's own connection log must name no other host. It runs on both upstream
// surfaces: the Models API (tools emulated through the prompt) and the native surface, where GPT
// models get Codex's tools as real function and custom tools on /responses.

let proxy: RefusingProxy;
beforeAll(async () => {
  proxy = await startRefusingProxy();
});
afterAll(async () => {
  await proxy?.close();
});

const newWorkspace = () => mkdtemp(path.join(tmpdir(), 'sfgw-codex-work-'));

describeEachSurface('Codex CLI through the gateway', (suite) => {
  const { surface } = suite;
  let codexHome: string;
  beforeAll(async () => {
    codexHome = await createCodexHome(suite.stack.url);
  });

  /** Runs Codex and fails unless it exited cleanly and reached the gateway and nothing else. */
  async function runOnLoopback(prompt: string, model: string, workspace: string): Promise<CodexExecResult> {
    const attemptsBefore = proxy.attempts.length;
    const result = await runCodexExec({ prompt, model, workspace, home: codexHome, proxyUrl: proxy.url });
    expect(result.code, result.stderr).toBe(0);
    expect(proxy.attempts.slice(attemptsBefore)).toEqual([]);
    const targets = readConnectionTargets(result.stderr);
    // The log must show the gateway connection, or an empty list below would prove nothing.
    expect(targets).toContain(`${suite.stack.url}/`);
    expect(nonLoopbackTargets(targets)).toEqual([]);
    return result;
  }

  /** The text of every prompt the gateway sent the Models API, to see what came back from Codex's tools. */
  function upstreamPrompts(): string {
    return suite.stack.simulator
      .requests('chat-generations')
      .map((request) => JSON.stringify(request.body))
      .join('\n');
  }

  /** Every body the gateway sent native /responses, each with the app headers and no emulation. */
  function responsesBodies(): NativeResponsesBody[] {
    const requests = suite.stack.simulator.requests('responses');
    expect(requests.length).toBeGreaterThan(0);
    expect(suite.stack.simulator.requests('chat-generations')).toEqual([]);
    for (const request of requests) expectAppHeaders(request);
    return requests.map((request) => request.body as NativeResponsesBody);
  }

  /** The input items of the native /responses calls, of the given types. */
  function nativeItems(type: string): Array<Record<string, unknown>> {
    return responsesBodies().flatMap((body) => body.input.filter((item) => item.type === type));
  }

  it('answers a plain prompt', async () => {
    const answer = 'Hello from Salesforce, through the gateway.';
    suite.stack.simulator.enqueueReplies(answer);

    const result = await runOnLoopback('Say hello to the gateway.', 'gpt-4.1', await newWorkspace());

    expect(result.lastMessage.trim()).toBe(answer);
    if (surface === 'models') expect(upstreamPrompts()).toContain('Say hello to the gateway.');
    else
      expect(JSON.stringify(responsesBodies().map((body) => body.input))).toContain(
        'Say hello to the gateway.',
      );
  }, 40_000);

  it('runs the shell tool the model calls and sends the output back for the answer', async () => {
    const workspace = await newWorkspace();
    const command = 'printf shell-loop-ok > proof.txt && cat proof.txt';
    const prompt = `Use exec_command with cmd="${command}" workdir=${workspace} shell=/bin/sh tty=false login=false max_output_tokens=1000 yield_time_ms=5000`;

    const result = await runOnLoopback(prompt, 'gpt-4.1', workspace);

    expect(await readFile(path.join(workspace, 'proof.txt'), 'utf8')).toBe('shell-loop-ok');
    if (surface === 'models') expect(upstreamPrompts()).toMatch(/<tool_results>[\s\S]*shell-loop-ok/);
    else {
      const [call] = nativeItems('function_call');
      expect(call).toMatchObject({
        name: 'exec_command',
        arguments: expect.stringContaining('shell-loop-ok'),
      });
      expect(nativeItems('function_call_output')).toEqual([
        expect.objectContaining({ call_id: call?.call_id, output: expect.stringContaining('shell-loop-ok') }),
      ]);
    }
    expect(result.lastMessage).toMatch(/^Based on the tool results: exec_command: [\s\S]*shell-loop-ok/);
  }, 40_000);

  it('applies the patches a GPT-5-family model sends apply_patch: creates a file, then edits it', async () => {
    const workspace = await newWorkspace();
    const notes = path.join(workspace, 'notes.txt');

    const createPatch = patchText(['*** Add File: notes.txt', '+first line']);
    const created = await runOnLoopback(
      applyPatchPrompt('Create notes.txt.', createPatch),
      'gpt-5.5',
      workspace,
    );
    expectPatchRoundTrip(createPatch);
    expect(await readFile(notes, 'utf8')).toBe('first line\n');
    expect(created.lastMessage).toMatch(
      /^Based on the tool results: apply_patch: [\s\S]*Success[\s\S]*A notes\.txt/,
    );

    suite.stack.simulator.clearRequests();
    const editPatch = patchText(['*** Update File: notes.txt', '@@', '-first line', '+first line, edited']);
    const edited = await runOnLoopback(applyPatchPrompt('Edit notes.txt.', editPatch), 'gpt-5.5', workspace);
    expectPatchRoundTrip(editPatch);
    expect(await readFile(notes, 'utf8')).toBe('first line, edited\n');
    expect(edited.lastMessage).toMatch(
      /^Based on the tool results: apply_patch: [\s\S]*Success[\s\S]*M notes\.txt/,
    );
  }, 60_000);

  /** The patch went to the fake model's call and came back from Codex byte for byte: on the Models
   * API in the prompt's <tool_input> envelope, on the native surface as a real custom tool call. */
  function expectPatchRoundTrip(patch: string): void {
    if (surface === 'models') {
      expect(upstreamPrompts()).toContain(JSON.stringify(`<tool_input name="apply_patch"`).slice(1, -1));
      expect(upstreamPrompts()).toContain(JSON.stringify(`\n${patch}\n</tool_input>`).slice(1, -1));
      return;
    }
    const tools = responsesBodies()[0]?.tools ?? [];
    expect(tools).toContainEqual(
      expect.objectContaining({
        type: 'custom',
        name: 'apply_patch',
        format: expect.objectContaining({ type: 'grammar' }),
      }),
    );
    const [call] = nativeItems('custom_tool_call');
    expect(call).toMatchObject({ name: 'apply_patch', input: patch });
    expect(nativeItems('custom_tool_call_output')).toEqual([
      expect.objectContaining({ call_id: call?.call_id, output: expect.stringContaining('Success') }),
    ]);
  }
});

/** A whole apply_patch patch around the given body lines. */
function patchText(patchBody: string[]): string {
  return ['*** Begin Patch', ...patchBody, '*** End Patch'].join('\n');
}

/** A request whose marked input the fake model sends, verbatim, as Codex's freeform apply_patch. */
function applyPatchPrompt(request: string, patch: string): string {
  return [`${request} Use apply_patch.`, freeformInputBegin, patch, freeformInputEnd].join('\n');
}
