import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { startSimulator } from '../simulator/simulator.ts';
import { unlimitedRateLimits } from './soak-gateway.ts';

// The upstream of `sfgw bench`, run as a child process of its own so that its CPU is not the
// load generator's. `simulator`: the simulator itself. `replay` (the default): a bare node:http
// server that forwards a request it has not seen to a simulator inside this process and answers
// the same request again with the recorded bytes, so an answer costs next to nothing and is
// still exactly what the simulator says. Prints one JSON line when it is listening. A native
// stream (`/ai/gpt/v1/...`, streamed by the simulator with no pause between events) is recorded
// whole and replayed the same way: every byte in one write, at once, not spaced as recorded.

const maxRecorded = 64;

interface Recorded {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const mode = process.argv[2] ?? 'replay';
const simulator = await startSimulator({
  host: '127.0.0.1',
  port: 0,
  rateLimits: unlimitedRateLimits,
  native: { deltaDelayMs: 0 },
});
let url = simulator.url;
let close = () => simulator.close();
const counts = { replayed: 0, forwarded: 0 };
let lastRawChat: { url: string; body: string } | undefined;
let lastRawNative: { url: string; body: string } | undefined;
const nativeRoutes = ['responses', 'invoke-with-response-stream', 'chat/generations/stream'] as const;
if (mode === 'replay') {
  const recorded = new Map<string, Recorded>();
  const server = createServer((incoming, outgoing) => {
    void answer(incoming, outgoing, recorded).catch((error: unknown) => {
      outgoing.statusCode = 502;
      outgoing.end(String(error));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await simulator.close();
  };
}
process.stdout.write(
  `${JSON.stringify({ url, mode, clientId: simulator.clientId, clientSecret: simulator.clientSecret })}\n`,
);
// the bench asks for the last chat request the simulator saw (the gateway's), to send the same one direct
process.on('message', (message) => {
  if (message === 'counts') process.send?.({ counts });
  if (message === 'last-chat') {
    const last = simulator.requests('chat-generations').at(-1);
    const logged = last === undefined ? undefined : { url: last.url, body: JSON.stringify(last.body) };
    process.send?.({ lastChat: lastRawChat ?? logged ?? null });
  }
  if (message === 'last-native') {
    const seen = nativeRoutes.flatMap((route) => simulator.requests(route));
    const last = seen.sort((left, right) => left.receivedAtMs - right.receivedAtMs).at(-1);
    const logged = last === undefined ? undefined : { url: last.url, body: JSON.stringify(last.body) };
    process.send?.({ lastChat: lastRawNative ?? logged ?? null });
  }
});
const stop = () => void close().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.once('disconnect', stop);

async function answer(incoming: IncomingMessage, outgoing: ServerResponse, recorded: Map<string, Recorded>) {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  if (incoming.url?.endsWith('/chat-generations')) lastRawChat = { url: incoming.url, body: body.toString() };
  if (incoming.url?.includes('/ai/gpt/v1/')) lastRawNative = { url: incoming.url, body: body.toString() };
  // tokens are never replayed: each one is issued, and checked, by the simulator
  const key = incoming.url?.includes('/oauth2/')
    ? undefined
    : createHash('sha1').update(`${incoming.method} ${incoming.url}\n`).update(body).digest('hex');
  let reply = key === undefined ? undefined : recorded.get(key);
  if (reply === undefined) {
    reply = await forward(incoming, body);
    counts.forwarded += 1;
    if (key !== undefined && reply.status === 200 && recorded.size < maxRecorded) recorded.set(key, reply);
  } else counts.replayed += 1;
  outgoing.writeHead(reply.status, reply.headers);
  outgoing.end(reply.body);
}

async function forward(incoming: IncomingMessage, body: Buffer): Promise<Recorded> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (typeof value === 'string' && name !== 'host' && name !== 'connection') headers[name] = value;
  }
  const answered = await request(`${simulator.url}${incoming.url}`, {
    method: incoming.method as 'POST',
    headers,
    body: body.length === 0 ? undefined : body,
  });
  const replyBody = Buffer.from(await answered.body.arrayBuffer());
  const replyHeaders: Record<string, string> = {};
  for (const name of ['content-type', 'x-request-id']) {
    const value = answered.headers[name];
    if (typeof value === 'string') replyHeaders[name] = value;
  }
  return { status: answered.statusCode, headers: replyHeaders, body: replyBody };
}
