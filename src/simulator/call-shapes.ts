import { type EnvelopeCall, envelopeTags, renderToolCalls } from '../emulation/tools/envelope.ts';
import { writeLooseJson } from './loose-json.ts';
import type { ToolCallShape } from './scenario-markers.ts';
import { isRecord } from './schema-example.ts';

/** The shapes that differ only in how the calls are written (not in which calls are made). */
export type WrittenCallShape = Exclude<ToolCallShape, 'unknown-tool' | 'invalid-arguments' | 'no-call'>;

const [opening, closing] = envelopeTags.toolCalls;

function wrapInEnvelope(json: string): string {
  return `${opening}\n${json}\n${closing}`;
}

// One call is written as a lone object, several as an array of them, as models do.
function oneOrMany(items: unknown[]): unknown {
  return items.length === 1 ? items[0] : items;
}

function plain(calls: EnvelopeCall[]): EnvelopeCall[] {
  return calls.map((call) => ({ name: call.name, arguments: call.arguments }));
}

// Key=value syntax inside the envelope: no JSON repair turns `"name"=` into a member.
function writeBroken(calls: EnvelopeCall[]): string {
  const items = calls.map((call) => {
    const pairs = Object.entries(isRecord(call.arguments) ? call.arguments : {}).map(
      ([key, value]) => `${key}=${JSON.stringify(value)}`,
    );
    return `{"name"=${JSON.stringify(call.name)}; "arguments"=(${pairs.join(', ')})}`;
  });
  return wrapInEnvelope(`[${items.join('; ')}]`);
}

/** Writes the calls in one shape: the envelope, a drift shape a model may use, or a malformed one. */
export function writeCallsInShape(shape: WrittenCallShape, calls: EnvelopeCall[]): string {
  switch (shape) {
    case 'envelope':
      return renderToolCalls(calls);
    case 'fenced':
      return `\`\`\`json\n${JSON.stringify(oneOrMany(plain(calls)), null, 2)}\n\`\`\``;
    case 'bare':
      return JSON.stringify(oneOrMany(plain(calls)));
    case 'tool-calls-object':
      return JSON.stringify({ tool_calls: plain(calls) });
    case 'function-wrapper':
      return JSON.stringify({ tool_calls: plain(calls).map((call) => ({ function: call })) });
    case 'arguments-string':
      return renderToolCalls(calls.map((call) => ({ ...call, arguments: JSON.stringify(call.arguments) })));
    case 'tool-input':
      return JSON.stringify(oneOrMany(calls.map((call) => ({ tool: call.name, input: call.arguments }))));
    case 'tool-name-args':
      return JSON.stringify(oneOrMany(calls.map((call) => ({ tool_name: call.name, args: call.arguments }))));
    case 'prose-around':
      return `Let me check that for you.\n${renderToolCalls(calls)}\nI will continue once the results are in.`;
    case 'trailing-comma':
      return wrapInEnvelope(writeLooseJson(calls, { quote: '"', trailingCommas: true }));
    case 'single-quotes':
      return wrapInEnvelope(writeLooseJson(calls, { quote: "'", trailingCommas: false }));
    case 'unclosed':
      // the array and the last call's object are left open, and the closing tag is missing
      return `${opening}\n${JSON.stringify(calls).slice(0, -2)}`;
    case 'broken':
      return writeBroken(calls);
  }
}
