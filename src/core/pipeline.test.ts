import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { sharedSchemaValidator } from '../emulation/schema/schema-validator.fixtures.ts';
import type { ChatRequest, ChatResult, ModelInfo, ResponseFormat, ToolDefinition } from './model.ts';
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
function nativeProvider() {
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
      embeddings: false,
      feedback: false,
    },
    async chat(request) {
      received.push(request);
      return result;
    },
    generate: notUsed,
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
    ignoredFields: [],
  };
}

function jsonSchemaFormat(schema: Record<string, unknown>, schemaField?: string): ResponseFormat {
  return {
    type: 'json-schema',
    name: 'answer',
    schema,
    strict: true,
    ...(schemaField ? { schemaField } : {}),
  };
}

describe('Pipeline: unusable JSON Schemas', () => {
  it('names a broken tool schema by the request field it came from, not its neutral index', async () => {
    const { pipeline, received } = nativeProvider();
    // The client's tools[1] was a hosted tool the decoder dropped, so "time" is neutral tools[1].
    const chatRequest = request([
      { name: 'weather', parameters: usableSchema, schemaField: 'tools[0].parameters' },
      { name: 'time', parameters: brokenSchema, schemaField: 'tools[2].parameters' },
    ]);
    const error = await pipeline.chat(chatRequest, context).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ status: 400, param: 'tools[2].parameters', code: 'invalid_tool_schema' });
    expect((error as Error).message).toMatch(
      /^tools\[2\]\.parameters: The parameters of tool "time" are not a usable JSON Schema: .+\.$/,
    );
    expect(received).toEqual([]);
  });

  it('falls back to the index in the neutral tools when no field was recorded', async () => {
    const { pipeline } = nativeProvider();
    const chatRequest = request([
      { name: 'weather', parameters: usableSchema },
      { name: 'time', parameters: brokenSchema },
    ]);
    await expect(pipeline.countTokens(chatRequest)).rejects.toThrow(
      expect.objectContaining({ param: 'tools[1]', code: 'invalid_tool_schema' }),
    );
    await expect(pipeline.countTokens(chatRequest)).rejects.toThrow(
      /^tools\[1\]: The parameters of tool "time"/,
    );
  });

  it.each([
    ['text.format.schema', 'text.format.schema'],
    ['output_config.format.schema', 'output_config.format.schema'],
    [undefined, 'response_format'],
  ])('names a broken response format schema recorded at %s as %s', async (schemaField, param) => {
    const { pipeline } = nativeProvider();
    const chatRequest = request([], jsonSchemaFormat(brokenSchema, schemaField));
    const events: unknown[] = [];
    let thrown: unknown;
    try {
      for await (const event of pipeline.streamChat(chatRequest, context)) events.push(event);
    } catch (error) {
      thrown = error;
    }
    // Thrown on the first step, before any event, so it reaches the client as a plain HTTP error.
    expect(events).toEqual([]);
    expect(thrown).toMatchObject({ status: 400, param, code: 'invalid_schema' });
    expect((thrown as Error).message).toMatch(
      new RegExp(
        `^${param.replaceAll('.', '\\.')}: The response_format schema "answer" is not a usable JSON Schema: `,
      ),
    );
  });

  it('passes usable schemas on to the provider', async () => {
    const { pipeline, received } = nativeProvider();
    const chatRequest = request(
      [{ name: 'weather', parameters: usableSchema, schemaField: 'tools[0].function.parameters' }],
      jsonSchemaFormat(usableSchema, 'response_format.json_schema.schema'),
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
    const generation = { model: model.id, prompt: 'Hi', stopSequences: [], sampling: {}, ignoredFields: [] };
    expect(() => pipeline.streamGenerate(generation, context)).toThrow(
      'The native upstream streams no completions.',
    );
  });
});
