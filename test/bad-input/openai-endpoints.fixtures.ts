// Malformed bodies for the OpenAI endpoints besides chat completions.
import type { BadInputCase } from './describe-bad-input-table.ts';
import { withChanges } from './request-bodies.fixtures.ts';

const completionsPath = '/v1/completions';
const embeddingsPath = '/v1/embeddings';
const responsesPath = '/v1/responses';

const validCompletion = { model: 'gpt-4o-mini', prompt: 'Say hello' };
const validEmbedding = { model: 'text-embedding-3-small', input: 'Hello' };
const validResponse = { model: 'gpt-4o-mini', input: 'Hello' };

function badCase(path: string, base: object) {
  return (name: string, changes: Record<string, unknown>, param: string, status = 400): BadInputCase => ({
    name: `${path}: ${name}`,
    path,
    body: withChanges(base, changes),
    status,
    param,
  });
}

const badCompletion = badCase(completionsPath, validCompletion);
const badEmbedding = badCase(embeddingsPath, validEmbedding);
const badResponse = badCase(responsesPath, validResponse);

const weatherTool = { type: 'function', name: 'weather', parameters: { type: 'object' } };

/** /v1/completions, /v1/embeddings and /v1/responses. */
export const openAIEndpointCases: BadInputCase[] = [
  {
    name: `${completionsPath}: truncated JSON`,
    path: completionsPath,
    body: '{"model":"gpt-4o-mini","prompt":"Say',
    status: 400,
    param: null,
    mentions: /not valid JSON/,
  },
  {
    name: `${completionsPath}: Content-Type text/plain`,
    path: completionsPath,
    body: JSON.stringify(validCompletion),
    contentType: 'text/plain',
    status: 415,
    param: null,
    mentions: /Content-Type/,
  },
  badCompletion('prompt missing', { prompt: undefined }, 'prompt'),
  badCompletion('prompt a number', { prompt: 42 }, 'prompt'),
  badCompletion('prompt an object', { prompt: { text: 'Say hello' } }, 'prompt'),
  badCompletion('prompt empty', { prompt: '' }, 'prompt'),
  badCompletion('two prompts', { prompt: ['one', 'two'] }, 'prompt'),
  badCompletion('max_tokens 0', { max_tokens: 0 }, 'max_tokens'),
  badCompletion('max_tokens 1e12', { max_tokens: 1e12 }, 'max_tokens'),
  badCompletion('n 3', { n: 3 }, 'n'),
  badCompletion('echo true', { echo: true }, 'echo'),
  badCompletion('temperature 5', { temperature: 5 }, 'temperature'),
  {
    ...badCompletion('stop with five entries', { stop: ['a', 'b', 'c', 'd', 'e'] }, 'stop'),
    mentions: /at most 4 items/,
  },
  {
    ...badCompletion('a stop entry of 257 characters', { stop: ['x'.repeat(257)] }, 'stop[0]'),
    mentions: /at most 256 characters/,
  },
  badCompletion('model unknown', { model: 'gpt-unknown-9' }, 'model', 404),
  {
    name: `${embeddingsPath}: a JSON array body`,
    path: embeddingsPath,
    body: '["Hello"]',
    status: 400,
    param: null,
    mentions: /must be a JSON object/,
  },
  badEmbedding('input missing', { input: undefined }, 'input'),
  badEmbedding('input an empty string', { input: '' }, 'input'),
  badEmbedding('input an empty list', { input: [] }, 'input'),
  badEmbedding('input token ids', { input: [1, 2, 3] }, 'input'),
  badEmbedding('input with an empty string entry', { input: ['Hello', ''] }, 'input[1]'),
  badEmbedding('input of 3,000 strings', { input: Array.from({ length: 3000 }, () => 'x') }, 'input'),
  badEmbedding('encoding_format hex', { encoding_format: 'hex' }, 'encoding_format'),
  badEmbedding('dimensions 0', { dimensions: 0 }, 'dimensions'),
  badEmbedding('a chat model', { model: 'gpt-4o-mini' }, 'model'),
  badEmbedding('model unknown', { model: 'embed-unknown-9' }, 'model', 404),
  {
    name: `${responsesPath}: no Content-Type`,
    path: responsesPath,
    body: JSON.stringify(validResponse),
    contentType: null,
    status: 415,
    param: null,
    mentions: /Content-Type/,
  },
  badResponse('input missing', { input: undefined }, 'input'),
  badResponse('input a number', { input: 42 }, 'input'),
  badResponse('input an empty list', { input: [] }, 'input'),
  badResponse(
    'an input message with an unknown role',
    { input: [{ role: 'wizard', content: 'Hello' }] },
    'input[0].role',
  ),
  badResponse(
    'an input part of unknown type',
    { input: [{ role: 'user', content: [{ type: 'input_video', video_url: 'x' }] }] },
    'input[0].content[0]',
  ),
  badResponse(
    'a function_call_output that answers no function_call',
    { input: [{ type: 'function_call_output', call_id: 'call_1', output: '18 C' }] },
    'input[0].call_id',
  ),
  badResponse(
    'previous_response_id, which needs stored state',
    { previous_response_id: 'resp_1' },
    'previous_response_id',
  ),
  badResponse('max_output_tokens 0', { max_output_tokens: 0 }, 'max_output_tokens'),
  badResponse('max_output_tokens 1e12', { max_output_tokens: 1e12 }, 'max_output_tokens'),
  badResponse('temperature 3', { temperature: 3 }, 'temperature'),
  badResponse(
    'a function tool without a name',
    { tools: [{ type: 'function', parameters: {} }] },
    'tools[0].name',
  ),
  badResponse(
    'a function tool whose parameters have type 12',
    { tools: [{ type: 'web_search' }, { ...weatherTool, parameters: { type: 12 } }] },
    'tools[1].parameters',
  ),
  badResponse(
    'tool_choice naming an unknown function',
    { tools: [weatherTool], tool_choice: { type: 'function', name: 'time' } },
    'tool_choice.name',
  ),
  badResponse(
    'text.format json_schema without a name',
    { text: { format: { type: 'json_schema', schema: {} } } },
    'text.format.name',
  ),
  badResponse(
    'text.format schema with type 12',
    { text: { format: { type: 'json_schema', name: 'answer', schema: { type: 12 } } } },
    'text.format.schema',
  ),
];
