import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminUsageRow } from '../src/server/admin/admin-usage-route.ts';
import { type GatewayStack, startGatewayStack } from './support/gateway-stack.ts';
import { captureLog } from './support/log-capture.ts';
import { parsePrometheusText } from './support/parse-prometheus-text.ts';
import { cleanEnvironment, runCli } from './support/spawn-cli.ts';

const adminKey = 'ops-key-7c2e9a4b1d6f3e85';
const clientKey = 'n8n-key-4b8d1f6a2c9e7b30';
const keys = JSON.stringify({ ops: { key: adminKey, admin: true }, n8n: clientKey });
const today = new Date().toISOString().slice(0, 10);

/** What the clients themselves were told, summed per key and model. */
type Expected = Record<string, { requests: number; errors: number; input: number; output: number }>;

function count(expected: Expected, row: string, input: number, output: number, error = false): void {
  const totals = expected[row] ?? { requests: 0, errors: 0, input: 0, output: 0 };
  expected[row] = totals;
  totals.requests += 1;
  totals.errors += error ? 1 : 0;
  totals.input += input;
  totals.output += output;
}

function summarize(rows: AdminUsageRow[]): Expected {
  const summary: Expected = {};
  for (const row of rows) {
    expect(row.day).toBe(today);
    expect(row.estimated).toBe(0);
    summary[`${row.key} ${row.model}`] = {
      requests: row.requests,
      errors: row.errors,
      input: row.input_tokens,
      output: row.output_tokens,
    };
  }
  return summary;
}

async function readUsage(url: string, query = '', key: string | null = adminKey): Promise<Response> {
  return fetch(
    `${url}/admin/usage${query}`,
    key === null ? {} : { headers: { authorization: `Bearer ${key}` } },
  );
}

async function usageRows(url: string): Promise<AdminUsageRow[]> {
  const response = await readUsage(url);
  expect(response.status).toBe(200);
  return ((await response.json()) as { rows: AdminUsageRow[] }).rows;
}

describe('the usage ledger over real HTTP', () => {
  let stack: GatewayStack;
  const expected: Expected = {};

  beforeAll(async () => {
    stack = await startGatewayStack({ settings: { API_KEYS: keys } });
    const opsOpenAI = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: adminKey, maxRetries: 0 });
    const n8nOpenAI = new OpenAI({ baseURL: `${stack.url}/v1`, apiKey: clientKey, maxRetries: 0 });
    const n8nAnthropic = new Anthropic({ baseURL: stack.url, apiKey: clientKey, maxRetries: 0 });
    for (const content of ['hello', 'count to five please']) {
      const answer = await opsOpenAI.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content }],
      });
      count(
        expected,
        'ops gpt-4o-mini',
        answer.usage?.prompt_tokens ?? -1,
        answer.usage?.completion_tokens ?? -1,
      );
    }
    const streamed = await n8nAnthropic.messages
      .stream({ model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'a haiku' }] })
      .finalMessage();
    count(expected, 'n8n claude-haiku-4-5', streamed.usage.input_tokens, streamed.usage.output_tokens);
    const chat = await n8nOpenAI.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'one more' }],
    });
    count(expected, 'n8n gpt-4o-mini', chat.usage?.prompt_tokens ?? -1, chat.usage?.completion_tokens ?? -1);
    await expect(
      n8nOpenAI.chat.completions.create({
        model: 'no-such-model',
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toMatchObject({ status: 404 });
    // a name no model resolves to counts with the others of its kind
    count(expected, 'n8n other', 0, 0, true);
    // A refused key is no one's usage; neither probes nor the model list are model use.
    const wrongKey = new OpenAI({
      baseURL: `${stack.url}/v1`,
      apiKey: 'not-a-key-of-this-gateway',
      maxRetries: 0,
    });
    await expect(
      wrongKey.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({ status: 401 });
    await fetch(`${stack.url}/health`);
    await n8nOpenAI.models.list();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('answers exactly the requests and tokens the clients were told, per key and model', async () => {
    expect(Object.values(expected).every((totals) => totals.input > 0 || totals.errors > 0)).toBe(true);
    expect(summarize(await usageRows(stack.url))).toEqual(expected);
  });

  it('shows the same rows through sfgw usage --json, and filters by key and model', async () => {
    const environment = cleanEnvironment({ SFGW_API_KEY: adminKey });
    const result = await runCli(['usage', '--url', stack.url, '--json'], environment);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(summarize((JSON.parse(result.stdout) as { rows: AdminUsageRow[] }).rows)).toEqual(expected);
    const filtered = await runCli(
      ['usage', '--url', stack.url, '--key', 'n8n', '--model', 'gpt-4o-mini', '--from', today, '--to', today],
      environment,
    );
    expect(filtered.code).toBe(0);
    const lines = filtered.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    const totals = expected['n8n gpt-4o-mini'];
    expect(lines[1]?.split(/\s+/)).toEqual([
      today,
      'n8n',
      'gpt-4o-mini',
      '1',
      '0',
      `${totals?.input}`,
      `${totals?.output}`,
      '0',
    ]);
  });

  it('counts the tokens in sfgw_tokens_total by key, model and direction', async () => {
    const metrics = parsePrometheusText(await (await fetch(`${stack.url}/metrics`)).text());
    const tokens = (key: string, model: string, direction: string) =>
      metrics.value('sfgw_tokens_total', { key, model, direction });
    expect(tokens('ops', 'gpt-4o-mini', 'input')).toBe(expected['ops gpt-4o-mini']?.input);
    expect(tokens('n8n', 'claude-haiku-4-5', 'output')).toBe(expected['n8n claude-haiku-4-5']?.output);
  });

  it('refuses a key without "admin": true with 403, and a malformed date with 400 naming it', async () => {
    const refused = await readUsage(stack.url, '', clientKey);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('admin_key_required');
    expect((await readUsage(stack.url, '', null)).status).toBe(401);
    const badDate = await readUsage(stack.url, '?from=2026-02-30');
    expect(badDate.status).toBe(400);
    expect(((await badDate.json()) as { error: { param: string } }).error.param).toBe('from');
    const reversed = await readUsage(stack.url, `?from=${today}&to=2020-01-01`);
    expect(((await reversed.json()) as { error: { param: string } }).error.param).toBe('from');
  });

  it('keeps the totals across a restart on the same USAGE_DB', async () => {
    await stack.server.close();
    const restarted = await stack.restart();
    expect(summarize(await usageRows(restarted.url))).toEqual(expected);
  });
});

describe('an unusable USAGE_DB', () => {
  let stack: GatewayStack;
  const log = captureLog();

  beforeAll(async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'sfgw-usage-file-'));
    const aFile = path.join(folder, 'not-a-folder');
    await writeFile(aFile, 'x');
    stack = await startGatewayStack({
      settings: { USAGE_DB: path.join(aFile, 'usage.db') },
      logDestination: log.destination,
      logLevel: 'warn',
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('is reported once while the gateway keeps serving and counting in memory', async () => {
    const answer = await stack.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'still there?' }],
    });
    const rows = await usageRows(stack.url);
    expect(rows).toEqual([
      expect.objectContaining({
        key: null,
        model: 'gpt-4o-mini',
        requests: 1,
        input_tokens: answer.usage?.prompt_tokens,
        output_tokens: answer.usage?.completion_tokens,
      }),
    ]);
    const warnings = log.lines().filter((line) => String(line.msg).startsWith('usage ledger'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, operation: 'open' });
    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    expect(metrics).toContain('sfgw_usage_ledger_errors_total{operation="open"} 1');
  });
});
