import { describe, expect, it } from 'vitest';
import type { GatewayError } from './errors.ts';
import {
  fallbackCatalog,
  fallbackPipeline,
  scriptedUpstream,
  upstreamFailure,
} from './fallback-upstream.fixtures.ts';
import type { StreamEvent } from './model.ts';
import { ModelFallbacks } from './model-fallbacks.ts';
import { collectEvents, generationRequest, testContext, textRequest } from './provider.fixtures.ts';
import type { CallContext } from './provider.ts';

const fallbacks = { 'claude-4-sonnet': ['gpt-4.1', 'gemini'], 'gpt-4.1': ['claude-4-sonnet'] };

/** A pipeline with the fallback lists above, and everything it told its listeners. */
function listeningPipeline(scripts: Parameters<typeof scriptedUpstream>[0] = {}) {
  const upstream = scriptedUpstream(scripts);
  const moves: Array<[string, string, string]> = [];
  const pipeline = fallbackPipeline(upstream.provider, {
    fallbacks,
    onFallback: (from, to, error) => moves.push([from, to, error.message]),
  });
  const fallbackModels: string[] = [];
  const context: CallContext = {
    ...testContext,
    onModelFallback: (publicModel) => fallbackModels.push(publicModel),
  };
  return { pipeline, calls: upstream.calls, moves, fallbackModels, context };
}

async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: GatewayError) => error,
  );
}

describe('ModelFallbacks: whole answers', () => {
  it.each(['rate_limit', 'upstream_unavailable', 'upstream_timeout', 'upstream_error', 'not_found'] as const)(
    'moves on to the next model when the upstream fails with %s',
    async (kind) => {
      const { pipeline, calls, moves, fallbackModels, context } = listeningPipeline({
        sfdc_ai__Claude: { error: upstreamFailure(kind) },
      });
      const result = await pipeline.chat(textRequest('hi', { model: 'claude-4-sonnet' }), context);
      expect(result.servedModel).toBe('sfdc_ai__Gpt');
      expect(calls).toEqual([
        { call: 'chat', model: 'sfdc_ai__Claude', surface: undefined },
        { call: 'chat', model: 'sfdc_ai__Gpt', surface: 'native' },
      ]);
      expect(moves).toEqual([['claude-4-sonnet', 'gpt-4.1', `upstream ${kind}`]]);
      expect(fallbackModels).toEqual(['gpt-4.1']);
    },
  );

  it.each(['invalid_request', 'authentication', 'permission', 'internal'] as const)(
    'does not move on from %s: another model would not change it',
    async (kind) => {
      const { pipeline, calls, moves, fallbackModels, context } = listeningPipeline({
        sfdc_ai__Claude: { error: upstreamFailure(kind) },
      });
      const error = await rejection(pipeline.chat(textRequest('hi', { model: 'claude-4-sonnet' }), context));
      expect(error.message).toBe(`upstream ${kind}`);
      expect(calls.map((call) => call.model)).toEqual(['sfdc_ai__Claude']);
      expect(moves).toEqual([]);
      expect(fallbackModels).toEqual([]);
    },
  );

  it('plans the request again for the fallback: a native alias to a Models API alias drops the surface', async () => {
    const { pipeline, calls, context } = listeningPipeline({
      sfdc_ai__Gpt: { error: upstreamFailure('upstream_unavailable') },
    });
    await pipeline.chat(textRequest('hi', { model: 'gpt-4.1' }), context);
    expect(calls).toEqual([
      { call: 'chat', model: 'sfdc_ai__Gpt', surface: 'native' },
      { call: 'chat', model: 'sfdc_ai__Claude', surface: undefined },
    ]);
  });

  it('throws the last failure when every model of the list fails, telling each move', async () => {
    const { pipeline, calls, moves, fallbackModels, context } = listeningPipeline({
      sfdc_ai__Claude: { error: upstreamFailure('rate_limit', 'Claude is throttled') },
      sfdc_ai__Gpt: { error: upstreamFailure('upstream_timeout', 'GPT timed out') },
      sfdc_ai__Gemini: { error: upstreamFailure('upstream_error', 'Gemini failed') },
    });
    const error = await rejection(pipeline.chat(textRequest('hi', { model: 'claude-4-sonnet' }), context));
    expect(error).toMatchObject({ kind: 'upstream_error', message: 'Gemini failed' });
    expect(calls.map((call) => call.model)).toEqual(['sfdc_ai__Claude', 'sfdc_ai__Gpt', 'sfdc_ai__Gemini']);
    expect(moves).toEqual([
      ['claude-4-sonnet', 'gpt-4.1', 'Claude is throttled'],
      ['gpt-4.1', 'gemini', 'GPT timed out'],
    ]);
    expect(fallbackModels).toEqual(['gpt-4.1', 'gemini']);
  });

  it("follows only the requested model's own list, not the lists of its fallbacks", async () => {
    const { pipeline, calls, context } = listeningPipeline({
      sfdc_ai__Gpt: { error: upstreamFailure('rate_limit') },
      sfdc_ai__Claude: { error: upstreamFailure('rate_limit', 'Claude is throttled too') },
    });
    const error = await rejection(pipeline.chat(textRequest('hi', { model: 'gpt-4.1' }), context));
    expect(error.message).toBe('Claude is throttled too');
    expect(calls.map((call) => call.model)).toEqual(['sfdc_ai__Gpt', 'sfdc_ai__Claude']);
  });

  it('matches the requested name case-insensitively, through the canonical alias', async () => {
    const { pipeline, moves, fallbackModels, context } = listeningPipeline({
      sfdc_ai__Claude: { error: upstreamFailure('rate_limit') },
    });
    await pipeline.chat(textRequest('hi', { model: 'Claude-4-Sonnet' }), context);
    expect(moves).toEqual([['claude-4-sonnet', 'gpt-4.1', 'upstream rate_limit']]);
    expect(fallbackModels).toEqual(['gpt-4.1']);
  });

  it('names the lists of MODEL_FALLBACKS by their canonical aliases whatever their case', async () => {
    const upstream = scriptedUpstream({ sfdc_ai__Claude: { error: upstreamFailure('rate_limit') } });
    const pipeline = fallbackPipeline(upstream.provider, { fallbacks: { 'CLAUDE-4-SONNET': ['Gemini'] } });
    const fallbackModels: string[] = [];
    const context = { ...testContext, onModelFallback: (model: string) => fallbackModels.push(model) };
    const result = await pipeline.chat(textRequest('hi', { model: 'claude-4-sonnet' }), context);
    expect(result.servedModel).toBe('sfdc_ai__Gemini');
    expect(fallbackModels).toEqual(['gemini']);
  });

  it('passes the failure through for a model without a list', async () => {
    const { pipeline, calls, moves, context } = listeningPipeline({
      sfdc_ai__Gemini: { error: upstreamFailure('rate_limit', 'Gemini is throttled') },
    });
    const error = await rejection(pipeline.chat(textRequest('hi', { model: 'gemini' }), context));
    expect(error.message).toBe('Gemini is throttled');
    expect(calls.map((call) => call.model)).toEqual(['sfdc_ai__Gemini']);
    expect(moves).toEqual([]);
  });

  it('does not move on for a client that has left', async () => {
    const { pipeline, calls, moves, context } = listeningPipeline({
      sfdc_ai__Claude: { error: upstreamFailure('upstream_timeout', 'Claude timed out') },
    });
    const client = new AbortController();
    client.abort();
    const error = await rejection(
      pipeline.chat(textRequest('hi', { model: 'claude-4-sonnet' }), { ...context, signal: client.signal }),
    );
    expect(error.message).toBe('Claude timed out');
    expect(calls.map((call) => call.model)).toEqual(['sfdc_ai__Claude']);
    expect(moves).toEqual([]);
  });

  it('falls back for bare-prompt generations too', async () => {
    const { pipeline, calls, context } = listeningPipeline({
      sfdc_ai__Claude: { error: upstreamFailure('rate_limit') },
    });
    const result = await pipeline.generate({ ...generationRequest('hi'), model: 'claude-4-sonnet' }, context);
    expect(result.servedModel).toBe('sfdc_ai__Gpt');
    expect(calls).toEqual([
      { call: 'generate', model: 'sfdc_ai__Claude', surface: undefined },
      { call: 'generate', model: 'sfdc_ai__Gpt', surface: 'native' },
    ]);
  });
});

describe('ModelFallbacks: streams', () => {
  const textOf = (events: StreamEvent[]) =>
    events.flatMap((event) => (event.type === 'text-delta' ? [event.delta] : [])).join('');

  it('moves on when the stream fails before its first event', async () => {
    const { pipeline, calls, fallbackModels, context } = listeningPipeline({
      sfdc_ai__Claude: { error: upstreamFailure('rate_limit') },
    });
    const events = await collectEvents(
      pipeline.streamChat(textRequest('hi', { model: 'claude-4-sonnet' }), context),
    );
    expect(events.map((event) => event.type)).toEqual([
      'response-start',
      'text-start',
      'text-delta',
      'text-end',
      'finish',
    ]);
    expect(textOf(events)).toBe('sfdc_ai__Gpt');
    expect(calls).toEqual([
      { call: 'streamChat', model: 'sfdc_ai__Claude', surface: undefined },
      { call: 'streamChat', model: 'sfdc_ai__Gpt', surface: 'native' },
    ]);
    expect(fallbackModels).toEqual(['gpt-4.1']);
  });

  it('passes a failure after the first event through: the answer has begun', async () => {
    const { pipeline, calls, moves, context } = listeningPipeline({
      sfdc_ai__Claude: { errorAfterFirstEvent: upstreamFailure('upstream_error', 'cut mid-stream') },
    });
    const seen: string[] = [];
    let thrown: unknown;
    try {
      for await (const event of pipeline.streamChat(
        textRequest('hi', { model: 'claude-4-sonnet' }),
        context,
      )) {
        seen.push(event.type);
      }
    } catch (error) {
      thrown = error;
    }
    expect(seen).toEqual(['response-start']);
    expect((thrown as GatewayError).message).toBe('cut mid-stream');
    expect(calls.map((call) => call.model)).toEqual(['sfdc_ai__Claude']);
    expect(moves).toEqual([]);
  });

  it('falls back for bare-prompt streams, throwing the last failure on the first step', async () => {
    const { pipeline, calls } = listeningPipeline({
      sfdc_ai__Claude: { error: upstreamFailure('rate_limit') },
      sfdc_ai__Gpt: { error: upstreamFailure('upstream_unavailable') },
      sfdc_ai__Gemini: { error: upstreamFailure('upstream_unavailable', 'Gemini is down') },
    });
    const events = pipeline.streamGenerate(
      { ...generationRequest('hi'), model: 'claude-4-sonnet' },
      testContext,
    );
    await expect(collectEvents(events)).rejects.toThrow('Gemini is down');
    expect(calls.map((call) => `${call.call} ${call.model}`)).toEqual([
      'streamGenerate sfdc_ai__Claude',
      'streamGenerate sfdc_ai__Gpt',
      'streamGenerate sfdc_ai__Gemini',
    ]);
  });
});

describe('ModelFallbacks: MODEL_FALLBACKS checked at start-up', () => {
  const build = (table: Record<string, string[]>) => () => new ModelFallbacks(fallbackCatalog(), table);

  it('accepts aliases and API names in any case', () => {
    expect(build({ 'Claude-4-Sonnet': ['sfdc_ai__Gpt', 'GEMINI'] })).not.toThrow();
  });

  it('names a key that is no model', () => {
    expect(build({ 'claude-5': ['gemini'] })).toThrow(
      "MODEL_FALLBACKS: the key 'claude-5' is not a model this gateway knows; use a chat model name that GET /v1/models lists (an alias or a Salesforce API name), or remove it.",
    );
  });

  it('names a listed name that is no model, and the list it is in', () => {
    expect(build({ 'claude-4-sonnet': ['gemini', 'gpt-5'] })).toThrow(
      "MODEL_FALLBACKS: 'gpt-5', listed for 'claude-4-sonnet', is not a model this gateway knows; use a chat model name that GET /v1/models lists (an alias or a Salesforce API name), or remove it.",
    );
  });

  it('refuses an embeddings model', () => {
    expect(build({ 'claude-4-sonnet': ['sfdc_ai__Ada'] })).toThrow(
      "MODEL_FALLBACKS: 'sfdc_ai__Ada', listed for 'claude-4-sonnet', is an embeddings model; use a chat model name that GET /v1/models lists (an alias or a Salesforce API name), or remove it.",
    );
  });

  it('refuses a list that names its own model in another case', () => {
    expect(build({ 'claude-4-sonnet': ['gemini', 'CLAUDE-4-SONNET'] })).toThrow(
      "MODEL_FALLBACKS: the list for 'claude-4-sonnet' names that model itself as 'CLAUDE-4-SONNET' (names match case-insensitively); remove it from its own list.",
    );
  });

  it('is what building a pipeline runs', () => {
    expect(() => fallbackPipeline(scriptedUpstream().provider, { fallbacks: { nope: ['gemini'] } })).toThrow(
      /^MODEL_FALLBACKS: the key 'nope' is not a model this gateway knows;/,
    );
  });
});
