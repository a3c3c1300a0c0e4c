/** One call as the model wrote it, before its tool and arguments are checked. */
export interface RawCall {
  name: string;
  /** An object, a string to parse as JSON, or undefined when the model gave no argument key. */
  arguments: unknown;
  id?: string;
}

type JsonObject = Record<string, unknown>;

const callListKeys = ['tool_calls', 'calls', 'tool_uses'] as const;
const singleCallKeys = ['function_call', 'tool_call'] as const;
const nameKeys = ['name', 'tool', 'tool_name', 'recipient_name', 'function'] as const;
const argumentKeys = ['arguments', 'parameters', 'input', 'args'] as const;
// The keys of a tool result in the gateway's <tool_results> rendering and in the clients' wire
// formats (OpenAI `tool_call_id` / Responses `output`, Anthropic `tool_use_id`).
const resultKeys = ['content', 'is_error', 'call_id', 'tool_call_id', 'tool_use_id', 'output'] as const;
// GPT models trained on OpenAI's internal tool format sometimes write it out: one made-up
// "multi_tool_use.parallel" call whose `tool_uses` name the real tools as "functions.<name>".
// Tool names cannot contain dots, so dropping the prefix is safe.
const namespacePrefix = 'functions.';
const parallelWrapperName = 'multi_tool_use.parallel';

/**
 * The calls in a parsed JSON value, accepting the shapes models drift into: an array of calls,
 * one call, `{tool_calls|calls|tool_uses: [...]}` or `{function_call: {...}}`, where a call is
 * `{name, arguments}`, `{function: {name, arguments}}` or OpenAI's `{id, type, function}`, with
 * `tool`/`tool_name`/`recipient_name` for the name and `parameters`/`input`/`args` for the arguments,
 * and GPT's leaked `multi_tool_use.parallel` wrapper. An empty list
 * gives []; anything that is not call-shaped (an echoed tool definition or a quoted tool result
 * included) gives undefined.
 */
export function normalizeCallShapes(value: unknown): RawCall[] | undefined {
  if (Array.isArray(value)) return normalizeCallList(value);
  if (!isObject(value)) return undefined;
  for (const key of callListKeys) {
    const list = value[key];
    if (Array.isArray(list)) return normalizeCallList(list);
    if (isObject(list)) return normalizeCallList([list]);
  }
  for (const key of singleCallKeys) {
    const call = value[key];
    if (isObject(call)) return normalizeCallList([call]);
  }
  const call = normalizeCall(value);
  if (
    call?.name === parallelWrapperName &&
    isObject(call.arguments) &&
    Array.isArray(call.arguments.tool_uses)
  ) {
    return normalizeCallList(call.arguments.tool_uses);
  }
  return call === undefined ? undefined : [call];
}

function normalizeCallList(items: unknown[]): RawCall[] | undefined {
  const calls: RawCall[] = [];
  for (const item of items) {
    const call = isObject(item) ? normalizeCall(item) : undefined;
    if (call === undefined) return undefined;
    calls.push(call);
  }
  return calls;
}

function normalizeCall(item: JsonObject): RawCall | undefined {
  const inner = isObject(item.function) ? item.function : undefined;
  const name = (inner && readName(inner)) ?? readName(item);
  if (name === undefined || looksLikeToolDefinition(inner ?? item) || looksLikeToolResult(item, inner))
    return undefined;
  const call: RawCall = { name, arguments: (inner && readArguments(inner)) ?? readArguments(item) };
  if (typeof item.id === 'string') call.id = item.id;
  return call;
}

function readName(item: JsonObject): string | undefined {
  for (const key of nameKeys) {
    const value = item[key];
    if (typeof value === 'string' && value.trim() !== '') {
      const name = value.trim();
      return name.startsWith(namespacePrefix) ? name.slice(namespacePrefix.length) : name;
    }
  }
  return undefined;
}

function readArguments(item: JsonObject): unknown {
  for (const key of argumentKeys) {
    const value = item[key];
    if (value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === ''))
      return value;
  }
  return undefined;
}

/** A model that quotes a result back writes `{call_id, name, content, is_error}`: that is not a call. */
function looksLikeToolResult(item: JsonObject, inner: JsonObject | undefined): boolean {
  const hasArgumentKey = [item, inner].some(
    (object) => object !== undefined && argumentKeys.some((key) => key in object),
  );
  return !hasArgumentKey && resultKeys.some((key) => key in item);
}

/** A model that echoes the tool list writes `{name, description, parameters}`: that is not a call. */
function looksLikeToolDefinition(item: JsonObject): boolean {
  return typeof item.description === 'string' && isObject(item.parameters) && 'properties' in item.parameters;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
