import pino from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.ts';
import type { ChatResult } from '../../core/model.ts';
import type { Provider } from '../../core/provider.ts';
import { createEmulatingProvider } from '../../emulation/emulating-provider.ts';
import { sharedSchemaValidator } from '../../emulation/schema/schema-validator.fixtures.ts';
import { renderFreeformCall } from '../../emulation/tools/envelope.ts';
import { defaultClientId, defaultClientSecret, startSimulator } from '../../simulator/simulator.ts';
import { createSimulatedStreamingProvider } from '../../streaming/simulated-streaming-provider.ts';
import { createUpstreamProviders } from './create-upstream-providers.ts';
import { hiRequest, recordingContext } from './native-provider.fixtures.ts';

const simulator = await startSimulator({ host: '127.0.0.1', port: 0 });
const opened: Provider[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((provider) => provider.close()));
  simulator.reset();
});
afterAll(() => simulator.close());

const emulation = {
  validator: sharedSchemaValidator,
  onToolParseOutcome: () => {},
  onStructuredOutputOutcome: () => {},
};

async function upstreamFor(upstreamApi: string, settings: Record<string, string> = {}) {
  const { config } = await loadConfig({
    workingDirectory: '/nonexistent-sfgw-folder',
    environment: {
      UPSTREAM_API: upstreamApi,
      TOKEN_CACHE_FILE: '',
      UPSTREAM_RETRY_BASE_MS: '1',
      ...settings,
    },
  });
  const wrapped: Provider[] = [];
  const upstream = createUpstreamProviders(
    config,
    [
      {
        name: 'default',
        credentials: {
          consumerKey: defaultClientId,
          consumerSecret: defaultClientSecret,
          instanceUrl: simulator.url,
          apiBaseUrl: undefined,
        },
        nativeApiBaseUrl: undefined,
        weight: 1,
        models: null,
      },
    ],
    {
      logger: pino({ level: 'silent' }),
      now: Date.now,
      persistToken: false,
      resolveModelName: (name) => name,
      wrapModelsApi: (provider) => {
        // as gateway.ts does for an upstream that cannot stream
        wrapped.push(createSimulatedStreamingProvider(provider));
        return wrapped[0] as Provider;
      },
      wrapNative: (provider) => provider,
      wrapNativeEmulatingTools: (provider) =>
        createEmulatingProvider(provider, emulation, { emulateAllTools: true }),
    },
  );
  opened.push(upstream.provider);
  return { ...upstream, wrapped };
}

const textOf = (result: ChatResult) =>
  result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');

async function streamedText(provider: Provider, model: string): Promise<string> {
  if (!provider.streamChat) throw new Error(`${provider.name} must stream`);
  let text = '';
  for await (const event of provider.streamChat(hiRequest(model), recordingContext().context)) {
    if (event.type === 'text-delta') text += event.delta;
  }
  return text;
}

describe('createUpstreamProviders against the simulator', () => {
  it("UPSTREAM_API=native: every family on its route, at the token's api_instance_url, on one token", async () => {
    const { provider } = await upstreamFor('native');
    expect(provider.name).toBe('salesforce-native');
    simulator.enqueueReplies('from claude', 'from gpt', 'from gemini');
    const context = recordingContext().context;
    expect(
      textOf(await provider.chat(hiRequest('sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet'), context)),
    ).toBe('from claude');
    expect(await streamedText(provider, 'sfdc_ai__DefaultGPT54')).toBe('from gpt');
    expect(await streamedText(provider, 'sfdc_ai__DefaultVertexAIGeminiPro25')).toBe('from gemini');
    expect(simulator.requests('invoke')).toHaveLength(1);
    expect(simulator.requests('responses')).toHaveLength(1);
    expect(simulator.requests('chat/generations/stream')).toHaveLength(1);
    expect(simulator.counters()).toMatchObject({ tokenRequests: 1, nativeRequests: 3, chatGenerations: 0 });
  });

  it('UPSTREAM_API=native: a native 404 is the answer, never a switch; embeddings still come from the Models API', async () => {
    const { provider } = await upstreamFor('native');
    simulator.injectNativeFault({ status: 404 });
    const model = 'sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet';
    await expect(provider.chat(hiRequest(model), recordingContext().context)).rejects.toMatchObject({
      status: 404,
    });
    expect(simulator.counters()).toMatchObject({ nativeRequests: 1, chatGenerations: 0 });
    const embedded = await provider.embed(
      { model: 'sfdc_ai__DefaultOpenAITextEmbeddingAda_002', input: ['hello'] },
      recordingContext().context,
    );
    expect(embedded.vectors).toHaveLength(1);
    expect(provider.capabilities).toMatchObject({
      embeddings: true,
      nativeTools: true,
      nativeStreaming: true,
    });
  });

  it('UPSTREAM_API=models: the wrapped Models API provider, as before', async () => {
    const { provider, wrapped } = await upstreamFor('models');
    expect(wrapped).toHaveLength(1);
    expect(provider).toBe(wrapped[0]);
    simulator.enqueueReplies('from the models api');
    const result = await provider.chat(hiRequest('sfdc_ai__DefaultGPT54'), recordingContext().context);
    expect(textOf(result)).toBe('from the models api');
    expect(simulator.counters()).toMatchObject({ nativeRequests: 0, chatGenerations: 1 });
  });

  it('UPSTREAM_API=auto: a 404 on the native route goes to the Models API, on the same token', async () => {
    const { provider } = await upstreamFor('auto');
    simulator.injectNativeFault({ status: 404 });
    simulator.enqueueReplies('fallback', 'remembered');
    const model = 'sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet';
    expect(textOf(await provider.chat(hiRequest(model), recordingContext().context))).toBe('fallback');
    expect(await streamedText(provider, model)).toBe('remembered');
    expect(simulator.counters()).toMatchObject({ tokenRequests: 1, nativeRequests: 1, chatGenerations: 2 });
  });

  it('UPSTREAM_API=models with an alias asking for native: the router, native only for that alias', async () => {
    const claude = 'sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet';
    const { provider, orgs } = await upstreamFor('models', {
      MODEL_ALIASES: JSON.stringify({ 'fast-claude': { model: claude, surface: 'native' } }),
    });
    expect(provider.name).toBe('salesforce-auto');
    expect(orgs[0]?.native).not.toBeNull();
    simulator.enqueueReplies('from native', 'from the models api');
    const context = recordingContext().context;
    expect(textOf(await provider.chat(hiRequest(claude, { surface: 'native' }), context))).toBe(
      'from native',
    );
    expect(textOf(await provider.chat(hiRequest(claude), context))).toBe('from the models api');
    expect(simulator.counters()).toMatchObject({ nativeRequests: 1, chatGenerations: 1 });
  });

  it.each(['native', 'auto'])(
    'UPSTREAM_API=%s: a freeform tool on Claude is emulated on the native route, streamed from the whole answer',
    async (upstreamApi) => {
      const { provider } = await upstreamFor(upstreamApi);
      const patch = '*** Begin Patch\n*** Add File: a.txt\n+hello\n*** End Patch\n';
      simulator.enqueueReplies(`Patching.\n${renderFreeformCall({ name: 'apply_patch', input: patch })}`);
      const request = hiRequest('sfdc_ai__DefaultBedrockAnthropicClaude46Sonnet', {
        tools: [{ name: 'apply_patch', parameters: {}, freeform: { type: 'text' } }],
      });
      if (!provider.streamChat) throw new Error('the provider must stream');
      const calls: unknown[] = [];
      for await (const event of provider.streamChat(request, recordingContext().context)) {
        if (event.type === 'tool-call-start') calls.push({ name: event.name, freeform: event.freeform });
        if (event.type === 'tool-call-end') calls.push({ arguments: event.arguments });
        if (event.type === 'finish') expect(event.finishReason.unified).toBe('tool-calls');
      }
      expect(calls).toEqual([{ name: 'apply_patch', freeform: true }, { arguments: patch }]);
      const [sent] = simulator.requests('invoke');
      expect(sent?.body).not.toHaveProperty('tools');
      expect(JSON.stringify(sent?.body)).toContain('apply_patch');
      expect(simulator.counters()).toMatchObject({ nativeRequests: 1, chatGenerations: 0 });
    },
  );
});
