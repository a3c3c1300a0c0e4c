import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GatewayStack, type StackOptions, startGatewayStack } from '../support/gateway-stack.ts';
import { captureLog } from '../support/log-capture.ts';
import {
  type ExportedSpan,
  type OtlpReceiver,
  readJsonSpans,
  startOtlpReceiver,
} from '../support/otlp-receiver.ts';
import { cleanEnvironment } from '../support/spawn-cli.ts';

const clientTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const clientParentId = '00f067aa0ba902b7';
const traceparent = `00-${clientTraceId}-${clientParentId}-01`;
const serverKind = 2;
const clientKind = 3;
const errorStatus = 2;
const warnLevel = 40;

let receiver: OtlpReceiver;
beforeEach(async () => {
  receiver = await startOtlpReceiver();
});
afterEach(async () => {
  await receiver.close();
});

// Without a protocol the exporter uses the standard's default, http/protobuf.
function startTracedStack(
  protocol: string | undefined,
  options: Omit<StackOptions, 'settings'> & { settings?: Record<string, string> } = {},
) {
  return startGatewayStack({
    ...options,
    settings: {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      ...(protocol && { OTEL_EXPORTER_OTLP_PROTOCOL: protocol }),
      OTEL_SERVICE_NAME: 'gateway-under-test',
      UPSTREAM_MAX_RETRIES: '2',
      ...options.settings,
    },
  });
}

/** Posts a streamed chat carrying the client's traceparent. */
function postStreamedChat(stack: GatewayStack, model: string, content: string): Promise<Response> {
  return fetch(`${stack.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', traceparent },
    body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content }] }),
  });
}

// A streamed chat whose first upstream attempt fails with a 503, so the gateway retries once.
async function streamChatWithOneRetry(stack: GatewayStack): Promise<string> {
  stack.simulator.injectFault({ status: 503, endpoint: 'chat-generations' });
  const response = await postStreamedChat(stack, 'gpt-4o-mini', 'hello');
  expect(response.status).toBe(200);
  const text = await response.text();
  expect(text).toContain('data: [DONE]');
  expect(stack.simulator.counters().chatGenerations).toBe(2);
  return text;
}

// A native streamed chat whose upstream sends an error event after the 200: the gateway logs one warning.
async function breakStreamAfterItsStatus(stack: GatewayStack): Promise<void> {
  stack.simulator.enqueueReplies('one two three four five six seven eight');
  stack.simulator.injectNativeFault({
    route: 'invoke-with-response-stream',
    stream: 'error-event',
    exceptionType: 'internalServerException',
    afterEvents: 4,
  });
  const response = await postStreamedChat(stack, 'claude-sonnet-4-6', 'hi');
  expect(response.status).toBe(200);
  expect(await response.text()).toContain('server_error');
}

describe('OpenTelemetry tracing over OTLP/HTTP', () => {
  it('exports the server span, the token span and both upstream attempts of a streamed chat, in the client’s trace', async () => {
    const log = captureLog();
    const stack = await startTracedStack('http/json', { logDestination: log.destination });
    await streamChatWithOneRetry(stack);
    // closing the gateway flushes the batch
    await stack.close();

    expect(receiver.exports.length).toBeGreaterThan(0);
    expect(receiver.exports.every((exported) => exported.path === '/v1/traces')).toBe(true);
    expect(receiver.exports[0]?.contentType).toContain('application/json');
    const spans = readJsonSpans(receiver.exports);
    expect(spans.every((span) => span.traceId === clientTraceId)).toBe(true);

    const servers = spans.filter((span) => span.kind === serverKind);
    expect(servers).toHaveLength(1);
    const server = servers[0] as ExportedSpan;
    expect(server.parentSpanId).toBe(clientParentId);
    expect(server.name).toBe('chat gpt-4o-mini');
    expect(server.resource['service.name']).toBe('gateway-under-test');
    expect(server.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'salesforce',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.finish_reasons': ['stop'],
      'http.request.method': 'POST',
      'http.route': '/v1/chat/completions',
      'http.response.status_code': 200,
    });
    // the model the simulator says served the answer
    expect(server.attributes['gen_ai.response.model']).toBe('gpt-4o-mini-2024-07-18');
    expect(server.attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
    expect(server.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
    expect(typeof server.attributes['sfgw.request_id']).toBe('string');

    const clients = spans.filter((span) => span.kind === clientKind);
    expect(clients.every((span) => span.parentSpanId === server.spanId)).toBe(true);
    const simulatorPort = Number(new URL(stack.simulator.url).port);
    const tokens = clients.filter((span) => span.attributes['sfgw.upstream.endpoint'] === 'token');
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.name).toBe('POST /services/oauth2/token');
    expect(tokens[0]?.attributes).toMatchObject({
      'http.response.status_code': 200,
      'server.port': simulatorPort,
    });

    const attempts = clients.filter(
      (span) => span.attributes['sfgw.upstream.endpoint'] === 'chat-generations',
    );
    expect(attempts).toHaveLength(2);
    const [failed, retried] = attempts as [ExportedSpan, ExportedSpan];
    const upstreamModel = attempts[0]?.attributes['gen_ai.request.model'];
    expect(upstreamModel).toMatch(/^sfdc_ai__/);
    for (const attempt of attempts) {
      expect(attempt.name).toBe(`chat ${upstreamModel}`);
      expect(attempt.attributes).toMatchObject({
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'salesforce',
        'gen_ai.request.model': upstreamModel,
        'server.address': '127.0.0.1',
        'server.port': simulatorPort,
        'http.request.method': 'POST',
      });
    }
    expect(failed.statusCode).toBe(errorStatus);
    expect(failed.attributes).toMatchObject({ 'http.response.status_code': 503, 'error.type': '503' });
    expect(retried.statusCode).not.toBe(errorStatus);
    expect(retried.attributes['http.response.status_code']).toBe(200);
    // no prompt or completion content is exported
    expect(receiver.exports.some((exported) => exported.body.toString('utf8').includes('hello'))).toBe(false);

    const accessLine = log.lines().find((line) => line.msg === 'request completed');
    expect(accessLine).toMatchObject({ traceId: clientTraceId, spanId: server.spanId });
  });

  it('gives a native-surface call its client span under the server span', async () => {
    const stack = await startTracedStack('http/json', { settings: { UPSTREAM_API: 'native' } });
    const response = await postStreamedChat(stack, 'gpt-4o-mini', 'hi');
    expect(response.status).toBe(200);
    await response.text();
    await stack.close();
    const spans = readJsonSpans(receiver.exports);
    const server = spans.find((span) => span.kind === serverKind);
    const native = spans.filter((span) =>
      String(span.attributes['sfgw.upstream.endpoint']).startsWith('native-'),
    );
    expect(native).toHaveLength(1);
    expect(native[0]).toMatchObject({
      traceId: clientTraceId,
      parentSpanId: server?.spanId,
      kind: clientKind,
    });
    expect(native[0]?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'http.response.status_code': 200,
    });
  });

  it('logs one warning when the collector refuses the spans', async () => {
    const refusing = await startOtlpReceiver(400);
    const log = captureLog();
    const stack = await startGatewayStack({
      settings: { OTEL_EXPORTER_OTLP_ENDPOINT: refusing.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
      logDestination: log.destination,
    });
    const response = await fetch(`${stack.url}/v1/models`, { headers: { traceparent } });
    expect(response.status).toBe(200);
    await stack.close();
    await refusing.close();
    expect(refusing.exports.length).toBeGreaterThan(0);
    const warnings = log.lines().filter((line) => String(line.msg).startsWith('OpenTelemetry export failed'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, collector: refusing.url });
  });

  it('marks the server span failed when a stream breaks after its 200, and names it on the warning', async () => {
    const log = captureLog();
    const stack = await startTracedStack('http/json', {
      settings: { UPSTREAM_API: 'native' },
      logDestination: log.destination,
    });
    await breakStreamAfterItsStatus(stack);
    await stack.close();
    const server = readJsonSpans(receiver.exports).find((span) => span.kind === serverKind);
    expect(server?.statusCode).toBe(errorStatus);
    expect(server?.attributes).toMatchObject({
      'http.response.status_code': 200,
      'error.type': expect.any(String),
    });
    const warnings = log.lines().filter((line) => line.level === warnLevel);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ traceId: clientTraceId, spanId: server?.spanId });
    // the access line is not written through the request's logger: its ids are there once
    const accessLine = log
      .raw()
      .split('\n')
      .find((line) => line.includes('"request completed"'));
    expect(accessLine?.match(/"traceId"/g)).toHaveLength(1);
  });

  it('puts no trace id on any line without tracing', async () => {
    const log = captureLog();
    const stack = await startGatewayStack({
      settings: { UPSTREAM_API: 'native' },
      logDestination: log.destination,
    });
    await breakStreamAfterItsStatus(stack);
    await stack.close();
    expect(log.lines().filter((line) => line.level === warnLevel)).toHaveLength(1);
    expect(log.lines().filter((line) => 'traceId' in line || 'spanId' in line)).toEqual([]);
  });

  it('exports over http/protobuf by default', async () => {
    const stack = await startTracedStack(undefined);
    await streamChatWithOneRetry(stack);
    await stack.close();
    expect(receiver.exports.length).toBeGreaterThan(0);
    const [exported] = receiver.exports;
    expect(exported?.path).toBe('/v1/traces');
    expect(exported?.contentType).toBe('application/x-protobuf');
    // a span's trace id is its 16 raw bytes in the protobuf encoding
    expect(exported?.body.includes(Buffer.from(clientTraceId, 'hex'))).toBe(true);
  });

  it('loads none of its OpenTelemetry modules and exports nothing when OTEL_SDK_DISABLED is true', async () => {
    const outcome = await runUntracedGateway({
      OTEL_SDK_DISABLED: 'true',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    });
    expect(outcome).toEqual(withoutTracing);
    expect(receiver.exports).toEqual([]);
  });

  it('loads none of its OpenTelemetry modules by default', async () => {
    expect(await runUntracedGateway({})).toEqual(withoutTracing);
  });
});

// prom-client requires @opentelemetry/api itself (for exemplars), with or without tracing; nothing
// else of OpenTelemetry may load: not the SDK, the exporters, the resources or the context manager.
const withoutTracing = { status: 200, packages: ['@opentelemetry/api'], importers: ['prom-client'] };

const untracedGateway = fileURLToPath(new URL('./untraced-gateway.ts', import.meta.url));

function runUntracedGateway(environment: Record<string, string>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [untracedGateway, JSON.stringify(environment)], {
      env: cleanEnvironment({}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(stdout));
      else reject(new Error(`untraced gateway exited with ${code}: ${stderr}`));
    });
  });
}
