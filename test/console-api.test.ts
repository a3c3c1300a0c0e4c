import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ConsoleModelList,
  ConsoleOverview,
  ConsoleRequestDetail,
  ConsoleRequestList,
} from '../src/server/console/console-api-types.ts';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';

const adminKey = 'ops-key-5d1f0c9e8b7a6f43';
const clientKey = 'n8n-key-3a9c7e1b5d2f8a64';
const providerSecret = 'sk-proj-Zx81QpLm29Rt5Vw0';
const bodyMaxBytes = 2048;

let stack: GatewayStack;
beforeAll(async () => {
  stack = await startGatewayStack({
    settings: {
      API_KEYS: JSON.stringify({ ops: { key: adminKey, admin: true }, n8n: clientKey }),
      CONSOLE_CAPTURE_BODIES: 'true',
      CONSOLE_BODY_MAX_BYTES: String(bodyMaxBytes),
    },
  });
});
afterAll(async () => {
  await stack?.close();
});

/** A GET with the key as a Bearer token; null sends none. */
function consoleGet(path: string, key: string | null = adminKey): Promise<Response> {
  return fetch(`${stack.url}${path}`, key === null ? {} : { headers: { authorization: `Bearer ${key}` } });
}

async function consoleJson<T>(path: string): Promise<T> {
  const response = await consoleGet(path);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

async function chat(key: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${stack.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], ...body }),
  });
}

async function message(key: string): Promise<Response> {
  return fetch(`${stack.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': key },
    body: JSON.stringify({
      model: 'claude-haiku-4-5',
      max_tokens: 32,
      messages: [{ role: 'user', content: 'hi' }],
    }),
  });
}

const endpoints = [
  '/ui/api/session',
  '/ui/api/overview',
  '/ui/api/requests',
  '/ui/api/requests/unknown',
  '/ui/api/models',
];

describe('console API access', () => {
  it.each(endpoints)('refuses %s without a key, with a wrong key and with a non-admin key', async (path) => {
    const missing = await consoleGet(path, null);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('missing_api_key');
    const wrong = await consoleGet(path, 'wrong-key-0000000000000000');
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('invalid_api_key');
    const notAdmin = await consoleGet(path, clientKey);
    expect(notAdmin.status).toBe(403);
    const body = (await notAdmin.json()) as { error: { code: string; message: string; type: string } };
    expect(body.error.code).toBe('admin_key_required');
    expect(body.error.message).toContain('"admin": true');
    expect(body.error.message).toContain('API_KEYS');
    expect(JSON.stringify(body)).not.toContain(clientKey);
  });

  it('lets an admin key in, answers never cached, and says who signed in', async () => {
    const response = await consoleGet('/ui/api/session');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ key: 'ops', admin: true });
  });

  it('serves the page and its assets without a key, but not the API below /ui/api/', async () => {
    for (const path of ['/ui', '/ui/', '/ui/assets/none.js']) {
      expect((await consoleGet(path, null)).status, path).not.toBe(401);
    }
    expect((await consoleGet('/ui/api/session', null)).status).toBe(401);
    expect((await consoleGet('/ui/apix', null)).status).toBe(401);
  });
});

describe('the requests log', () => {
  it('lists a request just made, newest first, with its key, protocol, model, status and tokens', async () => {
    const chatResponse = await chat(clientKey, {});
    expect(chatResponse.status).toBe(200);
    const chatId = chatResponse.headers.get('x-request-id');
    const messageResponse = await message(adminKey);
    expect(messageResponse.status).toBe(200);
    const { rows, capturingBodies } = await consoleJson<ConsoleRequestList>('/ui/api/requests');
    expect(capturingBodies).toBe(true);
    const [newest, before] = rows;
    expect(newest).toMatchObject({
      key: 'ops',
      protocol: 'anthropic',
      method: 'POST',
      route: '/v1/messages',
      model: 'claude-haiku-4-5',
      status: 200,
      stream: false,
    });
    expect(before).toMatchObject({
      key: 'n8n',
      protocol: 'openai',
      route: '/v1/chat/completions',
      model: 'gpt-4o-mini',
      status: 200,
    });
    if (chatId !== null) expect(before?.id).toBe(chatId);
    for (const row of [newest, before]) {
      expect(row?.inputTokens).toBeGreaterThan(0);
      expect(row?.outputTokens).toBeGreaterThan(0);
      expect(row?.durationMs).toBeGreaterThanOrEqual(row?.overheadMs ?? 0);
      expect(row?.time).toBeLessThanOrEqual(Date.now());
    }
    // the console's own calls are never logged
    expect(rows.every((row) => row.route.startsWith('/v1/'))).toBe(true);
  });

  it('records a stream with its tokens and its first events', async () => {
    const response = await chat(clientKey, { stream: true, stream_options: { include_usage: true } });
    await response.text();
    const id = response.headers.get('x-request-id') ?? '';
    const detail = await consoleJson<ConsoleRequestDetail>(`/ui/api/requests/${id}`);
    expect(detail).toMatchObject({ id, stream: true, status: 200, protocol: 'openai' });
    expect(detail.outputTokens).toBeGreaterThan(0);
    expect(detail.responseBody).toMatch(/^data: /);
  });

  it('takes the tokens of an Anthropic stream and of a Responses answer', async () => {
    const stream = await fetch(`${stack.url}/v1/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'anthropic-version': '2023-06-01',
        'x-api-key': clientKey,
      },
      body: JSON.stringify({
        model: 'claude-haiku-4-5',
        max_tokens: 32,
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    await stream.text();
    const responses = await fetch(`${stack.url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${clientKey}` },
      body: JSON.stringify({ model: 'gpt-4o-mini', input: 'hi' }),
    });
    expect(responses.status).toBe(200);
    const { rows } = await consoleJson<ConsoleRequestList>('/ui/api/requests?limit=2');
    expect(rows.map((row) => [row.route, row.protocol, row.stream])).toEqual([
      ['/v1/responses', 'openai', false],
      ['/v1/messages', 'anthropic', true],
    ]);
    for (const row of rows) {
      expect(row.inputTokens, row.route).toBeGreaterThan(0);
      expect(row.outputTokens, row.route).toBeGreaterThan(0);
    }
  });

  it('filters by status, errors, model, key, protocol and limit', async () => {
    expect((await chat(clientKey, { model: 'no-such-model' })).status).toBe(404);
    await message(clientKey);
    const list = async (query: string) =>
      (await consoleJson<ConsoleRequestList>(`/ui/api/requests?${query}`)).rows;
    const errors = await list('status=errors');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((row) => row.status >= 400)).toBe(true);
    expect((await list('status=404')).every((row) => row.status === 404)).toBe(true);
    const ok = await list('status=200');
    expect(ok.length).toBeGreaterThan(0);
    expect(ok.every((row) => row.status === 200)).toBe(true);
    const anthropic = await list('protocol=anthropic');
    expect(anthropic.length).toBeGreaterThan(0);
    expect(anthropic.every((row) => row.protocol === 'anthropic')).toBe(true);
    const byKey = await list('key=n8n&protocol=anthropic');
    expect(byKey.length).toBeGreaterThan(0);
    expect(byKey.every((row) => row.key === 'n8n' && row.protocol === 'anthropic')).toBe(true);
    expect((await list('model=no-such-model')).map((row) => row.status)).toEqual([404]);
    expect(await list('limit=1')).toHaveLength(1);
    const bad = await consoleGet('/ui/api/requests?limit=0');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; param: string } }).error).toMatchObject({
      code: 'invalid_console_query',
      param: 'limit',
    });
    expect((await consoleGet('/ui/api/requests?protocol=grpc')).status).toBe(400);
  });

  it.each([
    ['/ui/api/requests?stauts=200', 'stauts', 'limit, status, model, key, protocol'],
    ['/ui/api/overview?since=5', 'since', 'takes none'],
    ['/ui/api/requests/some-id?full=1', 'full', 'takes none'],
  ])('refuses the unknown query parameter of %s with a 400 naming it', async (path, parameter, takes) => {
    const response = await consoleGet(path);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; param: string; message: string } };
    expect(error).toMatchObject({ code: 'invalid_console_query', param: parameter });
    expect(error.message).toContain(takes);
    // a key that may not use the console is told so first, not about its query
    expect((await consoleGet(path, clientKey)).status).toBe(403);
  });

  it('answers an unknown request id with a 404 in the OpenAI envelope', async () => {
    const response = await consoleGet('/ui/api/requests/not-a-request');
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { error: { code: string; type: string; message: string } };
    expect(body.error.code).toBe('request_not_found');
    expect(body.error.message).toContain('not-a-request');
  });
});

describe('captured bodies', () => {
  it('redacts secrets in the request body and keeps the answer', async () => {
    const response = await chat(clientKey, {
      messages: [
        { role: 'user', content: `my key is ${providerSecret}, keep it safe; the gateway's is ${adminKey}` },
      ],
      user: 'someone',
      metadata: { api_key: 'plain-looking-value', note: 'Bearer abcdefghijklmnop' },
    });
    const id = response.headers.get('x-request-id') ?? '';
    const detail = await consoleJson<ConsoleRequestDetail>(`/ui/api/requests/${id}`);
    expect(detail.requestBody).not.toBeNull();
    expect(detail.requestBody).not.toContain(providerSecret);
    expect(detail.requestBody).not.toContain('plain-looking-value');
    expect(detail.requestBody).not.toContain('abcdefghijklmnop');
    // a configured key looks like no token, and is censored all the same, in the echo too
    expect(JSON.stringify(detail)).not.toContain(adminKey);
    expect(detail.requestBody).toContain('keep it safe');
    expect(detail.requestBody).toContain('[redacted]');
    expect(JSON.parse(detail.responseBody ?? '')).toMatchObject({ object: 'chat.completion' });
    expect(detail.truncated).toBe(false);
  });

  it('censors a secret that a streamed echo spreads over several frames', async () => {
    const response = await chat(clientKey, {
      stream: true,
      messages: [{ role: 'user', content: `repeat ${adminKey} and ${providerSecret} please` }],
    });
    const streamed = await response.text();
    // the simulator's echo splits each key over two deltas: no one frame holds it whole
    expect(streamed).not.toContain(adminKey);
    const id = response.headers.get('x-request-id') ?? '';
    const { responseBody } = await consoleJson<ConsoleRequestDetail>(`/ui/api/requests/${id}`);
    expect(responseBody).toContain('please');
    for (const secret of [adminKey, providerSecret]) {
      for (const half of [secret.slice(0, secret.length / 2), secret.slice(secret.length / 2)])
        expect(responseBody, half).not.toContain(half);
    }
  });

  it('cuts a huge body at CONSOLE_BODY_MAX_BYTES and says so', async () => {
    const response = await chat(clientKey, {
      messages: [{ role: 'user', content: 'é lorem ipsum '.repeat(2_000) }],
    });
    const id = response.headers.get('x-request-id') ?? '';
    const detail = await consoleJson<ConsoleRequestDetail>(`/ui/api/requests/${id}`);
    expect(detail.truncated).toBe(true);
    expect(Buffer.byteLength(detail.requestBody ?? '')).toBeLessThanOrEqual(bodyMaxBytes);
    expect(Buffer.byteLength(detail.requestBody ?? '')).toBeGreaterThan(bodyMaxBytes - 4);
  });
});

describe('the overview', () => {
  it('moves after requests: total, per-model counts and requests per second', async () => {
    const before = await consoleJson<ConsoleOverview>('/ui/api/overview');
    await chat(clientKey, {});
    await chat(clientKey, {});
    expect((await chat(clientKey, { model: 'no-such-model' })).status).toBe(404);
    const after = await consoleJson<ConsoleOverview>('/ui/api/overview');
    expect(after.requests.total).toBe(before.requests.total + 3);
    expect(after.requests.errors).toBe(before.requests.errors + 1);
    const count = (overview: ConsoleOverview) =>
      overview.models.find((entry) => entry.model === 'gpt-4o-mini')?.requests ?? 0;
    expect(count(after)).toBe(count(before) + 2);
    expect(after.requests.perSecond).toBeGreaterThan(0);
    expect(after.requests.errorRate).toBeGreaterThan(0);
    expect(after.latencyMs.samples).toBeGreaterThan(0);
    expect(after.timeToFirstTokenMs.samples).toBeGreaterThan(0);
    expect(after).toMatchObject({ mode: 'live', surface: 'models', redis: 'off', nativeCircuit: null });
    expect(after.admission).toEqual({ running: 0, queued: 0, maxInFlight: 64, maxQueued: 256 });
    expect(after.circuit.state).toBe('closed');
    expect(after.pools.length).toBeGreaterThan(0);
    // the single org of the SALESFORCE_* settings is no pool: the token and breaker above are its own
    expect(after.orgs).toEqual([]);
    const { token } = after;
    expect(token.state).toBe('valid');
    expect(token.expiresAt).toBeGreaterThan(Date.now());
    expect(token.refreshAt).toBeGreaterThan(token.obtainedAt ?? Infinity);
    expect(token.refreshAt).toBeLessThan(token.expiresAt ?? 0);
    expect(JSON.stringify(after)).not.toMatch(/access_token|eyJ/);
  });
});

describe('the models list', () => {
  it('names each model with its upstream model, aliases, surface and capabilities', async () => {
    const { models } = await consoleJson<ConsoleModelList>('/ui/api/models');
    const mini = models.find((model) => model.id === 'gpt-4o-mini');
    expect(mini).toMatchObject({
      surface: 'models',
      kind: 'chat',
      capabilities: { tools: 'emulated', streaming: 'simulated', structuredOutput: 'emulated' },
    });
    const sameUpstream = models.filter((model) => model.upstreamModel === mini?.upstreamModel);
    expect(mini?.aliases.sort()).toEqual(
      sameUpstream
        .map((model) => model.id)
        .filter((id) => id !== 'gpt-4o-mini' && id !== mini?.upstreamModel)
        .sort(),
    );
    // the upstream name is its own column, never repeated among the aliases
    for (const model of models) expect(model.aliases, model.id).not.toContain(model.upstreamModel);
    const haiku = models.find((model) => model.id === 'claude-3-haiku');
    expect(haiku?.upstreamModel).toBe('sfdc_ai__DefaultBedrockAnthropicClaude3Haiku');
    expect(haiku?.aliases).not.toContain('claude-3-haiku');
    expect(models.some((model) => model.kind === 'embedding')).toBe(true);
  });
});
