import type { TextPart, ToolCallPart, ToolDefinition } from '../../core/model.ts';
import type { SchemaValidator } from '../schema/schema-validator.ts';
import { type FreeformCallBlock, findFreeformCalls } from './find-freeform-calls.ts';
import { findJsonCandidates, type JsonCandidate } from './find-json-candidates.ts';
import { normalizeCallShapes, type RawCall } from './normalize-call-shapes.ts';
import { parseJsonLeniently } from './parse-json-leniently.ts';

/**
 * How reading the model's text for tool calls went, for the metric:
 * - none: no call and nothing that tried to be one;
 * - parsed: calls found, all of them clean;
 * - repaired: calls found, but some JSON cleanup, jsonrepair or type coercion was needed;
 * - failed: something call-like (a <tool_calls> block, or JSON naming a known tool) could not be
 *   turned into valid calls, and no call was found elsewhere.
 * When some calls succeed and another candidate fails, the outcome follows the calls (the client
 * gets working calls, and the failed candidate stays visible as text); `problems` still says why.
 */
export type ToolParseOutcome = 'none' | 'parsed' | 'repaired' | 'failed';

/** The model's text split into text and tool-call parts, in the order written. */
export interface ToolCallParse {
  content: Array<TextPart | ToolCallPart>;
  outcome: ToolParseOutcome;
  /** One line per candidate that was left as text, naming the tool and the reason. */
  problems: string[];
}

/** What the parser needs to know about the request. */
export interface ToolParseOptions {
  tools: ToolDefinition[];
  validator: SchemaValidator;
  createId: () => string;
  /** The tools the model may call now (a named tool_choice narrows it); default: every tool. */
  allowedNames?: ReadonlySet<string>;
  /** Ids already used in the conversation; a model that copies one gets a fresh id instead. */
  takenIds?: ReadonlySet<string>;
}

type CheckedCall = { name: string; arguments: unknown; modelId: string | undefined; freeform: boolean };
type CandidateReading =
  | { kind: 'text' }
  | { kind: 'failed'; problems: string[] }
  | { kind: 'calls'; calls: CheckedCall[]; repaired: boolean };
type ArgumentReading = { value: Record<string, unknown>; repaired: boolean } | { problem: string };
type CallReading = { value: unknown; repaired: boolean; freeform: boolean } | { problem: string };
type Span = { start: number; end: number };
type ConsumedSpan = Span & { calls: ToolCallPart[] };

const modelIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Finds the tool calls in a model's reply; whatever is not a valid call stays text. */
export async function parseToolCalls(text: string, options: ToolParseOptions): Promise<ToolCallParse> {
  const tools = new Map(options.tools.map((tool) => [tool.name, tool]));
  const allowed = options.allowedNames ?? new Set(tools.keys());
  const usedIds = new Set(options.takenIds);
  const spans: ConsumedSpan[] = [];
  const problems: string[] = [];
  const toCallPart = (call: CheckedCall): ToolCallPart => ({
    type: 'tool-call',
    id: pickId(call.modelId, usedIds, options.createId),
    name: call.name,
    arguments: call.arguments,
    ...(call.freeform ? { freeform: true } : {}),
  });
  // Freeform inputs come first: their raw text (a patch, say) may hold anything that looks like
  // JSON or tags, and none of it is read as a call, even when the block itself stays text.
  const freeformBlocks = findFreeformCalls(text);
  for (const block of freeformBlocks) {
    const reading = readFreeformBlock(block, tools, allowed);
    if ('problem' in reading) problems.push(`tool "${block.name}": ${reading.problem}`);
    else spans.push({ start: block.start, end: block.end, calls: [toCallPart(reading)] });
  }
  let repaired = false;
  for (const candidate of findJsonCandidates(text)) {
    if ([...spans, ...freeformBlocks].some((span) => overlaps(candidate, span))) continue;
    const reading = await readCandidate(candidate, tools, allowed, options.validator);
    if (reading.kind === 'failed') problems.push(...reading.problems);
    if (reading.kind !== 'calls') continue;
    const calls = reading.calls.map(toCallPart);
    spans.push({ start: candidate.start, end: candidate.end, calls });
    repaired ||= reading.repaired && calls.length > 0;
  }
  const callCount = spans.reduce((count, span) => count + span.calls.length, 0);
  const outcome =
    callCount > 0 ? (repaired ? 'repaired' : 'parsed') : problems.length > 0 ? 'failed' : 'none';
  return { content: assembleContent(text, spans), outcome, problems };
}

function overlaps(left: Span, right: Span): boolean {
  return left.start < right.end && right.start < left.end;
}

function readFreeformBlock(
  block: FreeformCallBlock,
  tools: ReadonlyMap<string, ToolDefinition>,
  allowed: ReadonlySet<string>,
): CheckedCall | { problem: string } {
  const tool = tools.get(block.name);
  if (tool === undefined) return { problem: 'no such tool' };
  if (tool.freeform === undefined) return { problem: 'it takes JSON arguments in a <tool_calls> block' };
  if (!allowed.has(block.name)) return { problem: 'this tool may not be called now' };
  return { name: block.name, arguments: block.input, modelId: block.id, freeform: true };
}

async function readCandidate(
  candidate: JsonCandidate,
  tools: ReadonlyMap<string, ToolDefinition>,
  allowed: ReadonlySet<string>,
  validator: SchemaValidator,
): Promise<CandidateReading> {
  const isEnvelope = candidate.kind === 'envelope';
  if (isEnvelope && candidate.json === '') return { kind: 'calls', calls: [], repaired: false };
  const parsed = parseJsonLeniently(candidate.json);
  if (parsed === undefined) {
    return isEnvelope
      ? { kind: 'failed', problems: ['the <tool_calls> block is not valid JSON'] }
      : { kind: 'text' };
  }
  const rawCalls = normalizeCallShapes(parsed.value);
  if (rawCalls === undefined) {
    return isEnvelope
      ? { kind: 'failed', problems: ['the <tool_calls> block holds no calls'] }
      : { kind: 'text' };
  }
  // JSON that names no known tool (or an empty list) is an ordinary answer, such as an example or a
  // structured reply, not a failed call.
  if (!isEnvelope && !rawCalls.some((call) => tools.has(call.name))) return { kind: 'text' };
  const calls: CheckedCall[] = [];
  const problems: string[] = [];
  let repaired = parsed.repaired;
  for (const raw of rawCalls) {
    const checked = await checkCall(raw, tools, allowed, validator);
    if ('problem' in checked) {
      problems.push(`tool "${raw.name}": ${checked.problem}`);
      continue;
    }
    calls.push({ name: raw.name, arguments: checked.value, modelId: raw.id, freeform: checked.freeform });
    repaired ||= checked.repaired;
  }
  return problems.length > 0 ? { kind: 'failed', problems } : { kind: 'calls', calls, repaired };
}

async function checkCall(
  raw: RawCall,
  tools: ReadonlyMap<string, ToolDefinition>,
  allowed: ReadonlySet<string>,
  validator: SchemaValidator,
): Promise<CallReading> {
  const tool = tools.get(raw.name);
  if (tool === undefined) return { problem: 'no such tool' };
  if (!allowed.has(raw.name)) return { problem: 'this tool may not be called now' };
  if (tool.freeform !== undefined) return readFreeformArguments(raw.arguments);
  const given = readArguments(raw.arguments, tool);
  if ('problem' in given) return given;
  const validation = await validator.validate(tool.parameters, given.value);
  if (!validation.valid) return { problem: validation.problem };
  return {
    value: validation.value as Record<string, unknown>,
    repaired: given.repaired || validation.repaired,
    freeform: false,
  };
}

// A model may call a freeform tool in the JSON envelope anyway: its input is then the arguments
// string itself, or the one string the arguments object holds (e.g. {"input": "…"}).
function readFreeformArguments(value: unknown): CallReading {
  if (typeof value === 'string') return { value, repaired: true, freeform: true };
  const strings = isPlainObject(value) ? Object.values(value) : [];
  const [only] = strings;
  if (strings.length === 1 && typeof only === 'string')
    return { value: only, repaired: true, freeform: true };
  return { problem: 'it takes raw text; write its input in a <tool_input> block' };
}

/**
 * The arguments as an object. `{}` stands in for missing ones only when the tool takes no
 * arguments at all: when it has optional ones, `{}` would validate, and a name alone (an item the
 * model quoted or restated) would become a call.
 */
function readArguments(value: unknown, tool: ToolDefinition): ArgumentReading {
  if (value === undefined) {
    const required = tool.parameters.required;
    if (Array.isArray(required) && required.length > 0) {
      return { problem: `no arguments were given, but it requires ${required.join(', ')}` };
    }
    const properties = tool.parameters.properties;
    if (isPlainObject(properties) && Object.keys(properties).length > 0) {
      return { problem: `no arguments were given, but it takes ${Object.keys(properties).join(', ')}` };
    }
    return { value: {}, repaired: false };
  }
  if (typeof value === 'string') {
    const parsed = parseJsonLeniently(value);
    if (parsed !== undefined && isPlainObject(parsed.value))
      return { value: parsed.value, repaired: parsed.repaired };
    return { problem: 'the arguments are not a JSON object' };
  }
  return isPlainObject(value)
    ? { value, repaired: false }
    : { problem: 'the arguments are not a JSON object' };
}

function pickId(modelId: string | undefined, usedIds: Set<string>, createId: () => string): string {
  const id =
    modelId !== undefined && modelIdPattern.test(modelId) && !usedIds.has(modelId) ? modelId : createId();
  usedIds.add(id);
  return id;
}

/** Text outside the consumed spans, trimmed, around the calls that replaced them. */
function assembleContent(text: string, spans: ConsumedSpan[]): Array<TextPart | ToolCallPart> {
  if (spans.length === 0) return text === '' ? [] : [{ type: 'text', text }];
  const content: Array<TextPart | ToolCallPart> = [];
  let cursor = 0;
  for (const span of [...spans].sort((left, right) => left.start - right.start)) {
    appendText(content, text.slice(cursor, span.start));
    content.push(...span.calls);
    cursor = span.end;
  }
  appendText(content, text.slice(cursor));
  return content;
}

function appendText(content: Array<TextPart | ToolCallPart>, piece: string): void {
  const trimmed = piece.trim();
  if (trimmed === '') return;
  const last = content.at(-1);
  if (last?.type === 'text') last.text = `${last.text}\n\n${trimmed}`;
  else content.push({ type: 'text', text: trimmed });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
