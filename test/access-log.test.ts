import { afterEach, describe, expect, it } from 'vitest';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';
import { captureLog } from './support/log-capture.ts';
import { openStream } from './support/open-stream.ts';

let stack: GatewayStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function startLoggedStack() {
  const log = captureLog();
  stack = await startGatewayStack({ logDestination: log.destination });
  const accessLines = () => log.lines().filter((line) => line.msg === 'request completed');
  return { current: stack, raw: log.raw, lines: log.lines, accessLines };
}

const secretWords = 'confidential-prompt-words';

function chat(current: GatewayStack, body: Record<string, unknown>, path = '/v1/chat/completions') {
  return fetch(`${current.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-client-secret-key' },
    body: JSON.stringify({ messages: [{ role: 'user', content: secretWords }], ...body }),
  });
}

describe('access log', () => {
  it('writes one line per request, streams included, with request id, status and timing but no body', async () => {
    const { current, raw, lines, accessLines } = await startLoggedStack();
    const whole = await chat(current, { model: 'gpt-4o-mini' });
    await whole.text();
    const streamed = await chat(current, { model: 'gpt-4o-mini', stream: true });
    await streamed.text();
    const listing = await fetch(`${current.url}/v1/models?api_key=hunter2-secret`);
    await listing.text();
    const unknownModel = await chat(current, { model: 'no-such-model' });
    await unknownModel.text();

    await expect.poll(() => accessLines().length).toBe(4);
    const [wholeLine, streamedLine, listingLine, unknownLine] = accessLines();
    const expected = {
      method: 'POST',
      path: '/v1/chat/completions',
      remoteAddress: '127.0.0.1',
    };
    expect(wholeLine).toMatchObject({
      ...expected,
      level: 30,
      reqId: whole.headers.get('x-request-id'),
      status: 200,
      model: 'gpt-4o-mini',
      stream: false,
    });
    expect(streamedLine).toMatchObject({
      ...expected,
      reqId: streamed.headers.get('x-request-id'),
      status: 200,
      model: 'gpt-4o-mini',
      stream: true,
    });
    expect(listingLine).toMatchObject({
      method: 'GET',
      path: '/v1/models',
      reqId: listing.headers.get('x-request-id'),
      status: 200,
      stream: false,
    });
    expect(unknownLine).toMatchObject({ reqId: unknownModel.headers.get('x-request-id'), status: 404 });
    for (const line of accessLines()) {
      expect(line.durationMs).toBeGreaterThanOrEqual(0);
      expect(line.overheadMs).toBeLessThanOrEqual(line.durationMs as number);
      expect(line).not.toHaveProperty('aborted');
    }
    // every line a request writes carries its id: here the not-found report and the access line
    const unknownId = unknownModel.headers.get('x-request-id');
    expect(
      lines()
        .filter((line) => line.reqId === unknownId)
        .map((line) => line.msg),
    ).toEqual([expect.stringContaining("The model 'no-such-model' does not exist"), 'request completed']);

    const sentToken = String(current.simulator.requests('chat-generations').at(-1)?.headers.authorization);
    const everything = raw();
    for (const secret of [
      secretWords,
      'hunter2-secret',
      'sk-client-secret-key',
      current.simulator.clientSecret,
    ]) {
      expect(everything).not.toContain(secret);
    }
    expect(sentToken.startsWith('Bearer ')).toBe(true);
    expect(everything).not.toContain(sentToken.slice('Bearer '.length));
  });

  it('logs a stream whose client left mid-way once, as aborted', async () => {
    const { current, accessLines } = await startLoggedStack();
    await (await chat(current, { model: 'gpt-4o-mini' })).text();
    current.simulator.setSlowMode(1000);
    const stream = await openStream(`${current.url}/v1/chat/completions`, {
      model: 'gpt-4o-mini',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    stream.leave();
    await expect.poll(() => accessLines().length).toBe(2);
    current.simulator.setSlowMode(0);
    const after = await fetch(`${current.url}/v1/models`);
    await after.text();
    await expect.poll(() => accessLines().at(-1)?.reqId).toBe(after.headers.get('x-request-id'));
    expect(accessLines()).toHaveLength(3);
    expect(accessLines()[1]).toMatchObject({
      reqId: stream.response.headers['x-request-id'],
      status: 200,
      stream: true,
      aborted: true,
    });
  });
});
