import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { sharedSchemaValidator } from '../emulation/schema/schema-validator.fixtures.ts';
import type { ChatRequest, ChatResult, ModelInfo, ResponseFormat, ToolDefinition, Warning } from './model.ts';
import { ModelCatalog } from './model-catalog.ts';
import { Pipeline } from './pipeline.ts';
import type { CallContext, Provider } from './provider.ts';

const model: ModelInfo = {
  id: 'sfdc_ai__Up',
  upstreamModel: 'sfdc_ai__Up',
  kind: 'chat',
  label: 'Up',
  ownedBy: 'test',
};

const context: CallContext = {
  requestId: 'req-1',
  signal: new AbortController().signal,
  logger: pino({ level: 'silent' }),
  promptCharacters: 10,
};

const usableSchema = { type: 'object', properties: { city: { type: 'string' } } };
// `type` must name a JSON type, so no validator can compile this.
const brokenSchema = { type: 12 };

/** A bare provider that does everything natively, so only the pipeline's own checks stand between
 * the request and the upstream; it remembers what reached it. */
function nativeProvider(lacks: Partial<Provider['capabilities']> = {}) {
  const received: ChatRequest[] = [];
  const result: ChatResult = {
    id: 'up-1',
    servedModel: model.upstreamModel,
    created: 1,
    content: [{ type: 'text', text: 'Sunny.' }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: { inputTokens: 5, outputTokens: 1, totalTokens: 6 },
  };
  const notUsed = async (): Promise<never> => {
    throw new Error('not used by these tests');
  };
  const provider: Provider = {
    name: 'native',
    capabilities: {
      nativeTools: true,
      nativeStructuredOutput: true,
      nativeStreaming: false,
      nativeStopSequences: true,
      nativeMaxTokens: true,
      samplingSettings: true,
      images: true,
      reasoning: true,
      embeddings: false,
      feedback: false,
      ...lacks,
    },
    async chat(request) {
      received.push(request);
      return result;
    },
    async generate() {
      return result;
    },
    embed: notUsed,
    listModels: () => [model],
    close: async () => {},
  };
  const pipeline = new Pipeline(provider, new ModelCatalog({ upstreamModels: [model], aliases: {} }), {
    schemaChecker: sharedSchemaValidator,
  });
  return { pipeline, received };
}

function request(tools: ToolDefinition[], responseFormat: ResponseFormat = { type: 'text' }): ChatRequest {
  return {
    model: model.id,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] }],
    tools,
    toolChoice: { type: 'auto' },
    parallelToolCalls: true,
    responseFormat,
    stopSequences: [],
    sampling: {},
  };
}

function jsonSchemaFormat(schema: Record<string, unknown>): ResponseFormat {
  return { type: 'json-schema', name: 'answer', schema, strict: true };
}

describe('Pipeline: unusable JSON Schemas', () => {
  it('points a broken tool schema at its neutral tool, for the route to name by the client field', async () => {
    const { pipeline, received } = nativeProvider();
    const chatRequest = request([
      { name: 'weather', parameters: usableSchema },
      { name: 'time', parameters: brokenSchema },
    ]);
    const error = await pipeline.chat(chatRequest, context).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({
      status: 400,
      param: undefined,
      target: { type: 'tool-parameters', index: 1 },
      code: 'invalid_tool_schema',
    });
    expect((error as Error).message).toMatch(
      /^The parameters of tool "time" are not a usable JSON Schema: .+\.$/,
    );
    expect(received).toEqual([]);
  });

  it('checks the schemas when counting tokens too', async () => {
    const { pipeline } = nativeProvider();
    const chatRequest = request([
      { name: 'weather', parameters: usableSchema },
      { name: 'time', parameters: brokenSchema },
    ]);
    await expect(pipeline.countTokens(chatRequest)).rejects.toThrow(
      expect.objectContaining({ target: { type: 'tool-parameters', index: 1 }, code: 'invalid_tool_schema' }),
    );
    await expect(pipeline.countTokens(chatRequest)).rejects.toThrow(/^The parameters of tool "time"/);
  });

  it('points a broken response format schema at the response schema, on the first step of a stream', async () => {
    const { pipeline } = nativeProvider();
    const chatRequest = request([], jsonSchemaFormat(brokenSchema));
    const events: unknown[] = [];
    let thrown: unknown;
    try {
      for await (const event of pipeline.streamChat(chatRequest, context)) events.push(event);
    } catch (error) {
      thrown = error;
    }
    // Thrown on the first step, before any event, so it reaches the client as a plain HTTP error.
    expect(events).toEqual([]);
    expect(thrown).toMatchObject({
      status: 400,
      target: { type: 'response-schema' },
      code: 'invalid_schema',
    });
    expect((thrown as Error).message).toMatch(
      /^The response_format schema "answer" is not a usable JSON Schema: /,
    );
  });

  it('passes usable schemas on to the provider', async () => {
    const { pipeline, received } = nativeProvider();
    const chatRequest = request(
      [{ name: 'weather', parameters: usableSchema }],
      jsonSchemaFormat(usableSchema),
    );
    await expect(pipeline.chat(chatRequest, context)).resolves.toMatchObject({ id: 'up-1' });
    expect(received.map((sent) => sent.tools.map((tool) => tool.name))).toEqual([['weather']]);
  });
});

describe('Pipeline: calls the provider lacks', () => {
  it('says which upstream cannot count tokens or stream, instead of failing obscurely', async () => {
    const { pipeline } = nativeProvider();
    const chatRequest = request([]);
    await expect(pipeline.countTokens(chatRequest)).rejects.toThrow(
      expect.objectContaining({
        status: 404,
        code: 'unsupported_endpoint',
        message: 'The native upstream counts no tokens.',
      }),
    );
    const generation = { model: model.id, prompt: 'Hi', stopSequences: [], sampling: {} };
    expect(() => pipeline.streamGenerate(generation, context)).toThrow(
      'The native upstream streams no completions.',
    );
  });
});

describe('Pipeline: settings the provider cannot honour', () => {
  const listening = () => {
    const warnings: Warning[] = [];
    return { warnings, context: { ...context, onWarning: (warning: Warning) => warnings.push(warning) } };
  };

  it('reports each ignored setting by its neutral name, and still calls the provider', async () => {
    const { pipeline, received } = nativeProvider({ samplingSettings: false, nativeMaxTokens: false });
    const { warnings, context: listeningContext } = listening();
    const chatRequest: ChatRequest = {
      ...request([]),
      maxOutputTokens: 100,
      sampling: { temperature: 0.2, topP: 0.9, seed: 7, frequencyPenalty: 1 },
    };
    await pipeline.chat(chatRequest, listeningContext);
    expect(warnings).toEqual(
      ['temperature', 'topP', 'seed', 'frequencyPenalty', 'maxOutputTokens'].map((setting) => ({
        type: 'ignored-setting',
        setting,
      })),
    );
    expect(received).toHaveLength(1);
  });

  it('reports nothing when the provider honours the settings', async () => {
    const { pipeline } = nativeProvider();
    const { warnings, context: listeningContext } = listening();
    await pipeline.chat(
      { ...request([]), maxOutputTokens: 100, sampling: { temperature: 0.2 } },
      listeningContext,
    );
    expect(warnings).toEqual([]);
  });

  it('reports ignored settings of a bare prompt too', async () => {
    const { pipeline } = nativeProvider({ samplingSettings: false, nativeMaxTokens: false });
    const { warnings, context: listeningContext } = listening();
    const generation = {
      model: model.id,
      prompt: 'Hi',
      stopSequences: [],
      sampling: { topK: 3 },
      maxOutputTokens: 5,
    };
    await pipeline.generate(generation, listeningContext);
    expect(warnings.map((warning) => warning.setting)).toEqual(['topK', 'maxOutputTokens']);
  });

  it('refuses an image for a text-only provider, pointing at the image part for the route to name', async () => {
    const { pipeline, received } = nativeProvider({ images: false });
    const chatRequest: ChatRequest = {
      ...request([]),
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Look:' }] },
        { role: 'user', content: [{ type: 'image', url: 'https://example.com/cat.png' }] },
      ],
    };
    const error = await pipeline.chat(chatRequest, context).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({
      status: 400,
      code: 'unsupported_content',
      target: { type: 'image', index: 0 },
      message:
        'This part is an image, but the model behind this gateway accepts text only; send the content as text.',
    });
    expect(received).toEqual([]);
  });
});
