// The gateway's own log redaction, in place of pino's `redact` option. pino hands every field of
// every line, and every binding of every child logger, to a redactor that parses the whole path
// list again on each call (a few microseconds per field). Here the list is compiled once into a
// small tree, and a line is only walked where that tree has a branch: a plain value costs one
// lookup of its key, an object one check per credential key the tree names below it. Nothing is
// allocated unless something is censored; then only the objects on the way to it are copied (with
// their prototype, as pino's redactor did), never the caller's own objects changed.
//
// What is censored matches pino's redactor for these paths: a top-level path censors any value
// that pino would print; a deeper path censors an own enumerable key when every object on the way
// to it is an own enumerable, non-array object (pino never found keys inside arrays, nor printed
// inherited ones); `*` stands for one level, any key.

/** One step of a compiled path: censor the value here, or look further at the keys below. */
export interface PathNode {
  censor: boolean;
  below: Map<string, PathNode>;
}

/** A compiled path list. */
export interface Redaction {
  /** Nodes for the top-level keys the list names (merged with the wildcard's). */
  readonly top: ReadonlyMap<string, PathNode>;
  /** What `*` finds one level down: applied to every top-level key not named. */
  readonly anyKey: PathNode;
  readonly censor: string;
}

/** Splits `a.b["c-d"]` into its keys. */
export function parsePath(path: string): string[] {
  const keys: string[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(?:"([^"]*)"|'([^']*)'|([^[\]]*))\]/g)) {
    keys.push(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '');
  }
  if (keys.length === 0 || keys.slice(1).includes('*')) throw new Error(`unsupported redaction path ${path}`);
  return keys;
}

function emptyNode(): PathNode {
  return { censor: false, below: new Map() };
}

function addPath(node: PathNode, keys: readonly string[]): void {
  if (node.censor) return;
  const [first, ...rest] = keys;
  if (first === undefined) {
    node.censor = true;
    node.below.clear();
    return;
  }
  let next = node.below.get(first);
  if (next === undefined) {
    next = emptyNode();
    node.below.set(first, next);
  }
  addPath(next, rest);
}

function mergeInto(target: PathNode, source: PathNode): void {
  if (target.censor) return;
  if (source.censor) {
    target.censor = true;
    target.below.clear();
    return;
  }
  for (const [key, node] of source.below) {
    let existing = target.below.get(key);
    if (existing === undefined) {
      existing = emptyNode();
      target.below.set(key, existing);
    }
    mergeInto(existing, node);
  }
}

/** Compiles a path list (pino's syntax; `*` only as the first key) once. */
export function compileRedaction(paths: readonly string[], censor: string): Redaction {
  const root = emptyNode();
  const anyKey = emptyNode();
  for (const path of paths) {
    const keys = parsePath(path);
    if (keys[0] === '*') addPath(anyKey, keys.slice(1));
    else addPath(root, keys);
  }
  // a named top-level key also gets every wildcard path, unless it is censored whole
  for (const node of root.below.values()) mergeInto(node, anyKey);
  return { top: root.below, anyKey, censor };
}

type Fields = Record<string, unknown>;

const isEnumerableOwn = (object: object, key: string): boolean =>
  Object.prototype.propertyIsEnumerable.call(object, key);

function isWalkable(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function copyOf<T extends object>(value: T): T {
  return Object.assign(Object.create(Object.getPrototypeOf(value)), value);
}

/** `value` with the keys `node` names below it censored: itself when there are none. */
export function redactBelow(value: Fields, node: PathNode, censor: string): Fields {
  let copy: Fields | undefined;
  for (const [key, next] of node.below) {
    if (!isEnumerableOwn(value, key)) continue;
    let replacement: unknown;
    if (next.censor) replacement = censor;
    else {
      const inner = value[key];
      if (!isWalkable(inner)) continue;
      replacement = redactBelow(inner, next, censor);
      if (replacement === inner) continue;
    }
    copy ??= copyOf(value);
    copy[key] = replacement;
  }
  return copy ?? value;
}

/**
 * The fields of one log line (or a child's bindings) with what the list names censored, the way
 * pino's per-key redactors treated them: undefined values and functions are never printed, so
 * they are left as they are; `skip` keys are left to their serializer (see redactedSerializers).
 */
export function redactFields(fields: Fields, redaction: Redaction, skip?: string): Fields {
  let copy: Fields | undefined;
  for (const key in fields) {
    const value = fields[key];
    if (value === undefined || key === skip || !Object.hasOwn(fields, key)) continue;
    const node = redaction.top.get(key) ?? redaction.anyKey;
    let replacement: unknown;
    if (node.censor) {
      if (typeof value === 'function') continue;
      replacement = redaction.censor;
    } else {
      if (!isWalkable(value)) continue;
      replacement = redactBelow(value, node, redaction.censor);
      if (replacement === value) continue;
    }
    copy ??= { ...fields };
    copy[key] = replacement;
  }
  return copy ?? fields;
}

/**
 * A value interpolated into a message (`%j`, `%o`, `%O`): pino's redactor took it as a whole line,
 * wildcards reaching into arrays too.
 */
export function redactInterpolated(value: unknown, redaction: Redaction): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (!Array.isArray(value)) {
    let fields = value as Fields;
    for (const [key, node] of redaction.top) {
      if (node.censor && isEnumerableOwn(fields, key)) {
        if (fields === value) fields = copyOf(fields);
        fields[key] = redaction.censor;
      }
    }
    return redactFields(fields, { ...redaction, top: withoutCensored(redaction.top) });
  }
  let copy: unknown[] | undefined;
  for (let index = 0; index < value.length; index++) {
    const item = value[index];
    const redacted = isWalkable(item) ? redactBelow(item, redaction.anyKey, redaction.censor) : item;
    if (redacted === item) continue;
    copy ??= [...value];
    copy[index] = redacted;
  }
  return copy ?? value;
}

const withoutCensoredCache = new WeakMap<ReadonlyMap<string, PathNode>, Map<string, PathNode>>();

// Top-level censors were applied by own key above; what is left of them must not apply again.
function withoutCensored(top: ReadonlyMap<string, PathNode>): ReadonlyMap<string, PathNode> {
  let cached = withoutCensoredCache.get(top);
  if (cached === undefined) {
    cached = new Map(
      [...top].map(([key, node]) => [key, node.censor ? { censor: false, below: new Map() } : node]),
    );
    withoutCensoredCache.set(top, cached);
  }
  return cached;
}
