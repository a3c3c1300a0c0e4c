// The soak's request mix: every client-facing path the gateway serves, in both protocols,
// streamed and whole, with and without tools. Each prompt carries its request number so that no
// cache is ever warm for the whole run, as with real traffic. The tool kinds ask the simulator for
// different call shapes (`#tool-shape=…`, see src/simulator/README.md), so the exact, fenced and
// repaired parse paths all stay in the mix.

/** One kind of request in the soak mix: what to send and how to tell a good answer. */
export interface SoakRequestKind {
  name: string;
  path: string;
  /** The JSON body of this kind's request number `sequence`. */
  body: (sequence: number) => Record<string, unknown>;
  /** Why a 2xx answer is still wrong, or undefined when it is right. */
  checkAnswer: (text: string) => string | undefined;
}

const chatModel = 'gpt-4o-mini';
const anthropicModel = 'claude-haiku-4-5';
const embeddingModel = 'text-embedding-3-small';

const weatherParameters = {
  type: 'object',
  properties: { city: { type: 'string', description: 'City name' } },
  required: ['city'],
};
const openAiTools = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Current weather in a city',
      parameters: weatherParameters,
    },
  },
];
const anthropicTools = [
  { name: 'get_weather', description: 'Current weather in a city', input_schema: weatherParameters },
];

const plainPrompt = (sequence: number) => `Soak request ${sequence}: reply with one short sentence.`;
const toolPrompt = (sequence: number, shape: string) =>
  `Soak request ${sequence}: call get_weather for city=Paris. #tool-shape=${shape}`;
const userMessage = (content: string) => [{ role: 'user', content }];

/** The kinds sent in turn during a soak. */
export const soakRequestMix: readonly SoakRequestKind[] = [
  {
    name: 'openai chat',
    path: '/v1/chat/completions',
    body: (sequence) => ({ model: chatModel, messages: userMessage(plainPrompt(sequence)), max_tokens: 64 }),
    checkAnswer: expectJson('a message with text content', (answer) =>
      isString(at(answer, 'choices', 0, 'message', 'content')),
    ),
  },
  {
    name: 'openai chat stream',
    path: '/v1/chat/completions',
    body: (sequence) => ({
      model: chatModel,
      messages: userMessage(plainPrompt(sequence)),
      stream: true,
      stream_options: { include_usage: true },
    }),
    checkAnswer: expectStream(['"delta":{"', 'data: [DONE]'], [/^data: \{"error"/m]),
  },
  {
    name: 'openai tools',
    path: '/v1/chat/completions',
    body: (sequence) => ({
      model: chatModel,
      messages: userMessage(toolPrompt(sequence, 'fenced')),
      tools: openAiTools,
    }),
    checkAnswer: expectJson('a get_weather tool call', (answer) =>
      isString(at(answer, 'choices', 0, 'message', 'tool_calls', 0, 'function', 'arguments')),
    ),
  },
  {
    name: 'openai tools stream',
    path: '/v1/chat/completions',
    body: (sequence) => ({
      model: chatModel,
      messages: userMessage(toolPrompt(sequence, 'prose-around')),
      tools: openAiTools,
      stream: true,
    }),
    checkAnswer: expectStream(['"tool_calls":[{', '"finish_reason":"tool_calls"', 'data: [DONE]'], []),
  },
  {
    name: 'anthropic messages',
    path: '/v1/messages',
    body: (sequence) => ({
      model: anthropicModel,
      max_tokens: 256,
      messages: userMessage(plainPrompt(sequence)),
    }),
    checkAnswer: expectJson('a text block', (answer) => isString(at(answer, 'content', 0, 'text'))),
  },
  {
    name: 'anthropic messages stream',
    path: '/v1/messages',
    body: (sequence) => ({
      model: anthropicModel,
      max_tokens: 256,
      system: 'You are terse.',
      messages: userMessage(plainPrompt(sequence)),
      stream: true,
    }),
    checkAnswer: expectStream(['"type":"text_delta"', 'event: message_stop'], [/^event: error$/m]),
  },
  {
    name: 'anthropic tools',
    path: '/v1/messages',
    body: (sequence) => ({
      model: anthropicModel,
      max_tokens: 256,
      messages: userMessage(toolPrompt(sequence, 'envelope')),
      tools: anthropicTools,
    }),
    checkAnswer: expectJson('a tool_use block', (answer) => at(answer, 'stop_reason') === 'tool_use'),
  },
  {
    name: 'anthropic tools stream',
    path: '/v1/messages',
    body: (sequence) => ({
      model: anthropicModel,
      max_tokens: 256,
      messages: userMessage(toolPrompt(sequence, 'trailing-comma')),
      tools: anthropicTools,
      stream: true,
    }),
    checkAnswer: expectStream(
      ['"type":"tool_use"', '"stop_reason":"tool_use"', 'event: message_stop'],
      [/^event: error$/m],
    ),
  },
  {
    name: 'responses',
    path: '/v1/responses',
    body: (sequence) => ({ model: chatModel, input: plainPrompt(sequence) }),
    checkAnswer: expectJson('a completed response', (answer) => at(answer, 'status') === 'completed'),
  },
  {
    name: 'responses stream',
    path: '/v1/responses',
    body: (sequence) => ({
      model: chatModel,
      instructions: 'You are terse.',
      input: userMessage(plainPrompt(sequence)),
      stream: true,
    }),
    checkAnswer: expectStream(
      ['event: response.output_text.delta', 'event: response.completed'],
      [/^event: (error|response\.failed)$/m],
    ),
  },
  {
    name: 'embeddings',
    path: '/v1/embeddings',
    body: (sequence) => ({
      model: embeddingModel,
      input: [plainPrompt(sequence), `Second input of soak request ${sequence}`],
    }),
    checkAnswer: expectJson('two embeddings', (answer) => {
      const vector = at(answer, 'data', 1, 'embedding');
      return Array.isArray(vector) && vector.length > 0;
    }),
  },
  {
    name: 'count tokens',
    path: '/v1/messages/count_tokens',
    body: (sequence) => ({
      model: anthropicModel,
      messages: userMessage(toolPrompt(sequence, 'envelope')),
      tools: anthropicTools,
    }),
    checkAnswer: expectJson('a positive input_tokens', (answer) => {
      const tokens = at(answer, 'input_tokens');
      return typeof tokens === 'number' && tokens > 0;
    }),
  },
];

/** The next request to send: its kind and that kind's running number. */
export interface SoakTurn {
  kind: SoakRequestKind;
  sequence: number;
}

/** Hands out the kinds in turn, so each gets an equal share whatever the concurrency. */
export function createKindRotation(kinds: readonly SoakRequestKind[]): () => SoakTurn {
  if (kinds.length === 0) throw new Error('the soak needs at least one request kind');
  let turns = 0;
  return () => {
    const kind = kinds[turns % kinds.length] as SoakRequestKind;
    const sequence = Math.floor(turns / kinds.length) + 1;
    turns += 1;
    return { kind, sequence };
  };
}

function expectJson(expectation: string, isRight: (answer: unknown) => boolean) {
  return (text: string): string | undefined => {
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      return `the answer is not JSON: ${text.slice(0, 200)}`;
    }
    return isRight(answer) ? undefined : `expected ${expectation}, got: ${text.slice(0, 200)}`;
  };
}

// A stream counts as whole when it holds every required piece and no error event.
function expectStream(required: string[], errorEvents: RegExp[]) {
  return (text: string): string | undefined => {
    const error = errorEvents.find((pattern) => pattern.test(text));
    if (error) return `the stream carried an error event: ${text.slice(-300)}`;
    const missing = required.find((piece) => !text.includes(piece));
    return missing === undefined ? undefined : `the stream lacks ${missing}: ${text.slice(-300)}`;
  };
}

function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function isString(value: unknown): boolean {
  return typeof value === 'string' && value !== '';
}
