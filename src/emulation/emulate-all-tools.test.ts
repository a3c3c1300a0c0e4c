import { describe, expect, it } from 'vitest';
import type { ToolDefinition } from '../core/model.ts';
import {
  collectEvents,
  scriptedProvider,
  testContext,
  textOnlyCapabilities,
  textRequest,
} from '../core/provider.fixtures.ts';
import { emulating } from './emulating-provider.fixtures.ts';
import { applyPatchBodies, applyPatchTool } from './tools/apply-patch.fixtures.ts';
import { renderFreeformCall } from './tools/envelope.ts';

const nativeTools = { ...textOnlyCapabilities, nativeTools: true, nativeStreaming: true };
const execCommand: ToolDefinition = {
  name: 'exec_command',
  parameters: { type: 'object', properties: { cmd: { type: 'string' } }, required: ['cmd'] },
};
const patch = applyPatchBodies['CRLF line endings'] ?? '';

function emulatingAll(replies: string[]) {
  const upstream = scriptedProvider({ replies, capabilities: nativeTools, streamed: [] });
  const { provider, toolOutcomes } = emulating(upstream.provider, { emulateAllTools: true });
  return { provider, upstream, outcomes: toolOutcomes };
}

describe('createEmulatingProvider with emulateAllTools over a provider that calls tools natively', () => {
  const request = textRequest('Fix the file.', {
    tools: [execCommand, applyPatchTool],
    toolChoice: { type: 'required' },
  });

  it('puts every tool in the prompt, hands the upstream none, and reads the freeform call back', async () => {
    const { provider, upstream, outcomes } = emulatingAll([
      renderFreeformCall({ name: 'apply_patch', input: patch }),
    ]);
    expect(provider.capabilities.nativeTools).toBe(false);
    const result = await provider.chat(request, testContext);
    expect(result.content).toEqual([
      { type: 'tool-call', id: expect.any(String), name: 'apply_patch', arguments: patch, freeform: true },
    ]);
    const sent = upstream.chats[0];
    expect(sent?.tools).toEqual([]);
    expect(sent?.toolChoice).toEqual({ type: 'auto' });
    expect(sent?.messages[0]?.role).toBe('system');
    expect(JSON.stringify(sent?.messages[0])).toContain('apply_patch');
    expect(outcomes).toEqual(['parsed']);
  });

  it('hands the follow-up call no tools either, and streams the whole answer instead of the native stream', async () => {
    const { provider, upstream } = emulatingAll([
      'I will.',
      renderFreeformCall({ name: 'apply_patch', input: patch }),
    ]);
    const events = await collectEvents(provider.streamChat?.(request, testContext));
    expect(upstream.streams).toEqual([]);
    expect(upstream.chats.map((sent) => sent.tools)).toEqual([[], []]);
    expect(events.find((event) => event.type === 'finish')).toMatchObject({
      finishReason: { unified: 'tool-calls' },
    });
  });

  it('leaves a request without tools to the provider untouched', async () => {
    const { provider, upstream } = emulatingAll(['Hi.']);
    const plain = textRequest('Hi');
    await provider.chat(plain, testContext);
    expect(upstream.chats[0]).toBe(plain);
  });

  it('holds stop sequences back from the upstream, so a call envelope is never cut, and applies them to the text', async () => {
    const withStop = { ...request, toolChoice: { type: 'auto' as const }, stopSequences: ['\n---'] };
    const { provider, upstream } = emulatingAll([
      `${renderFreeformCall({ name: 'apply_patch', input: 'a\n---\nb' })}`,
      'Done.\n---\nnot this',
    ]);
    const call = await provider.chat(withStop, testContext);
    expect(call.content).toEqual([
      expect.objectContaining({ type: 'tool-call', name: 'apply_patch', arguments: 'a\n---\nb' }),
    ]);
    expect(upstream.chats[0]?.stopSequences).toEqual([]);
    const text = await provider.chat(withStop, testContext);
    expect(text.content).toEqual([{ type: 'text', text: 'Done.' }]);
    expect(text.finishReason).toMatchObject({ unified: 'stop-sequence', stopSequence: '\n---' });
  });
});
