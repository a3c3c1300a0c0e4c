import { describe, expect, it } from 'vitest';
import { createKindRotation, type SoakRequestKind, soakRequestMix } from './soak-request-mix.ts';

function kindNamed(name: string): SoakRequestKind {
  const kind = soakRequestMix.find((candidate) => candidate.name === name);
  if (kind === undefined) throw new Error(`no soak request kind named ${name}`);
  return kind;
}

describe('soakRequestMix', () => {
  it('covers both protocols, the Responses API, embeddings and token counts, streamed and whole, with tools', () => {
    const paths = new Set(soakRequestMix.map((kind) => kind.path));
    expect(paths).toEqual(
      new Set([
        '/v1/chat/completions',
        '/v1/messages',
        '/v1/responses',
        '/v1/embeddings',
        '/v1/messages/count_tokens',
      ]),
    );
    const bodies = soakRequestMix.map((kind) => ({ path: kind.path, body: kind.body(1) }));
    for (const path of ['/v1/chat/completions', '/v1/messages', '/v1/responses']) {
      expect(bodies.filter((entry) => entry.path === path && entry.body.stream === true)).not.toHaveLength(0);
      expect(bodies.filter((entry) => entry.path === path && entry.body.stream !== true)).not.toHaveLength(0);
    }
    for (const path of ['/v1/chat/completions', '/v1/messages']) {
      const withTools = bodies.filter((entry) => entry.path === path && Array.isArray(entry.body.tools));
      expect(withTools.map((entry) => entry.body.stream === true).sort()).toEqual([false, true]);
    }
    expect(new Set(soakRequestMix.map((kind) => kind.name)).size).toBe(soakRequestMix.length);
  });

  it('numbers every prompt, so no two requests of a kind are the same', () => {
    for (const kind of soakRequestMix) {
      expect(JSON.stringify(kind.body(1)), kind.name).not.toBe(JSON.stringify(kind.body(2)));
    }
  });

  it('asks the simulator for a tool call shape in every tool prompt', () => {
    const toolKinds = soakRequestMix.filter((kind) => Array.isArray(kind.body(1).tools));
    expect(toolKinds.length).toBeGreaterThanOrEqual(4);
    for (const kind of toolKinds)
      expect(JSON.stringify(kind.body(1)), kind.name).toMatch(/#tool-shape=[\w-]+/);
  });
});

describe('checkAnswer', () => {
  it('accepts a chat completion with text and rejects one without', () => {
    const check = kindNamed('openai chat').checkAnswer;
    expect(check('{"choices":[{"message":{"role":"assistant","content":"Hi."}}]}')).toBeUndefined();
    expect(check('{"choices":[{"message":{"role":"assistant","content":null}}]}')).toMatch(/text content/);
    expect(check('<html>bad gateway</html>')).toMatch(/not JSON/);
  });

  it('wants a tool call where tools were offered', () => {
    const check = kindNamed('openai tools').checkAnswer;
    const call =
      '{"choices":[{"message":{"tool_calls":[{"function":{"name":"get_weather","arguments":"{}"}}]}}]}';
    expect(check(call)).toBeUndefined();
    expect(check('{"choices":[{"message":{"content":"It is sunny."}}]}')).toMatch(/tool call/);
    expect(kindNamed('anthropic tools').checkAnswer('{"stop_reason":"tool_use"}')).toBeUndefined();
    expect(kindNamed('anthropic tools').checkAnswer('{"stop_reason":"end_turn"}')).toMatch(/tool_use/);
  });

  it('accepts a whole stream and rejects a cut or failed one', () => {
    const check = kindNamed('anthropic messages stream').checkAnswer;
    const whole = [
      'event: message_start',
      'data: {"type":"message_start"}',
      '',
      'event: content_block_delta',
      'data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}',
      '',
      'event: message_stop',
      'data: {"type":"message_stop"}',
      '',
    ].join('\n');
    expect(check(whole)).toBeUndefined();
    expect(check(whole.slice(0, whole.indexOf('event: message_stop')))).toMatch(/lacks event: message_stop/);
    const failed = `${whole}event: error\ndata: {"type":"error","error":{"type":"api_error","message":"x"}}\n\n`;
    expect(check(failed)).toMatch(/error event/);
    const openAiCheck = kindNamed('openai chat stream').checkAnswer;
    expect(openAiCheck('data: {"choices":[{"delta":{"content":"Hi"}}]}\n\ndata: [DONE]\n\n')).toBeUndefined();
    expect(openAiCheck('data: {"error":{"message":"upstream failed"}}\n\ndata: [DONE]\n\n')).toMatch(
      /error event/,
    );
  });

  it('checks embeddings and token counts by their content', () => {
    const embeddings = kindNamed('embeddings').checkAnswer;
    expect(embeddings('{"data":[{"embedding":[0.1]},{"embedding":[0.2]}]}')).toBeUndefined();
    expect(embeddings('{"data":[{"embedding":[0.1]}]}')).toMatch(/two embeddings/);
    const countTokens = kindNamed('count tokens').checkAnswer;
    expect(countTokens('{"input_tokens":12}')).toBeUndefined();
    expect(countTokens('{"input_tokens":0}')).toMatch(/positive input_tokens/);
  });
});

describe('createKindRotation', () => {
  it('hands out every kind in turn, each with its own running number', () => {
    const next = createKindRotation(soakRequestMix);
    const turns = Array.from({ length: soakRequestMix.length * 3 }, next);
    for (const kind of soakRequestMix) {
      const own = turns.filter((turn) => turn.kind === kind);
      expect(own.map((turn) => turn.sequence)).toEqual([1, 2, 3]);
    }
    expect(turns.slice(0, soakRequestMix.length).map((turn) => turn.kind)).toEqual([...soakRequestMix]);
  });

  it('refuses an empty mix', () => {
    expect(() => createKindRotation([])).toThrow(/at least one/);
  });
});
