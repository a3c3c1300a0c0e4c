import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from './simulator.ts';
import { startSimulatorUnderTest } from './simulator-under-test.fixtures.ts';

const { simulator, client } = await startSimulatorUnderTest();
const token = await client.fetchToken();

const chatPath = '/models/sfdc_ai__DefaultGPT4OmniMini/chat-generations';
const chatBody = { messages: [{ role: 'user', content: 'hi' }] };

function callChat(signal?: AbortSignal) {
  return client.post(chatPath, { token, body: chatBody, signal });
}

/** The network error code behind a failed fetch, e.g. ECONNRESET. */
function causeCode(error: unknown): unknown {
  return (error as { cause?: { code?: unknown } }).cause?.code;
}

/** Sends a chat request with node:http and reports how it ended: an error code, or the status and body. */
function rawChat(target: Simulator): Promise<string> {
  return new Promise((resolve) => {
    const outgoing = request(`${target.apiBaseUrl}${chatPath}`, { method: 'POST', agent: false });
    outgoing.on('error', (error: NodeJS.ErrnoException) => resolve(`error ${error.code ?? error.message}`));
    outgoing.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(`status ${response.statusCode}`));
    });
    outgoing.end(JSON.stringify(chatBody));
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('connection faults on the Models API', () => {
  it('resets the connection without an answer, then serves the next request normally', async () => {
    simulator.injectFault({ connection: 'reset', endpoint: 'chat-generations' });
    const failure = await callChat().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect(causeCode(failure)).toBe('ECONNRESET');
    expect((await callChat()).status).toBe(200);
    expect(simulator.counters()).toMatchObject({ chatGenerations: 2, faultsServed: 1, abandoned: 0 });
  });

  it('resets the connection only after the fault delay', async () => {
    simulator.injectFault({ connection: 'reset', delayMs: 300 });
    const started = Date.now();
    await expect(callChat()).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('truncates a 200 answer in the middle of its declared body', async () => {
    simulator.injectFault({ connection: 'truncate' });
    const response = await callChat();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const declared = Number(response.headers.get('content-length'));
    expect(declared).toBeGreaterThan(0);
    await expect(response.text()).rejects.toThrow();
  });

  it('hangs until the client gives up, and counts the request as abandoned', async () => {
    simulator.injectFault({ connection: 'hang' });
    await expect(callChat(AbortSignal.timeout(200))).rejects.toThrow();
    await expect.poll(() => simulator.counters().abandoned).toBe(1);
    expect((await callChat()).status).toBe(200);
  });
});

describe('connection faults on the token endpoint', () => {
  it('resets a token request, then issues tokens again', async () => {
    simulator.injectTokenFault({ connection: 'reset' });
    const failure = await client.fetchToken().catch((error: unknown) => error);
    expect(causeCode(failure)).toBe('ECONNRESET');
    expect(await client.fetchToken()).toMatch(/^eyJ/);
    expect(simulator.counters()).toMatchObject({ tokenRequests: 2, faultsServed: 1, tokenFailures: 0 });
  });

  it('hangs a token request until the client gives up', async () => {
    simulator.injectTokenFault({ connection: 'hang' });
    const hung = fetch(simulator.tokenUrl, { method: 'POST', signal: AbortSignal.timeout(200) });
    await expect(hung).rejects.toThrow();
    await expect.poll(() => simulator.counters().abandoned).toBe(1);
  });
});

describe('closing a simulator with a hanging connection', () => {
  it('ends the hanging connection instead of waiting for it', async () => {
    const other = await startSimulator();
    other.injectFault({ connection: 'hang' });
    const outcome = rawChat(other);
    await expect.poll(() => other.counters().faultsServed).toBe(1);
    await pause(50);
    const closing = other.close();
    const settled = await Promise.race([closing.then(() => 'closed'), pause(5_000).then(() => 'stuck')]);
    expect(settled).toBe('closed');
    expect(await outcome).toMatch(/^error /);
  });
});
