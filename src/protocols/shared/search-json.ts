/** Where a search of a JSON value found something: the finding and the path that leads to it. */
export interface JsonFinding<Finding> {
  finding: Finding;
  path: PropertyKey[];
}

/** What an inspection found at one value; `keys` continue the path below it, e.g. to a key. */
export interface Inspection<Finding> {
  finding: Finding;
  keys?: PropertyKey[];
}

interface Visit {
  value: unknown;
  key: PropertyKey | undefined;
  parent: Visit | undefined;
  depth: number;
}

/**
 * Inspects every value of a parsed JSON document in document order (the root at depth 0) and
 * returns the first finding. It keeps its own stack instead of recursing, so that a document
 * nested thousands of levels deep cannot overflow the call stack.
 */
export function searchJson<Finding>(
  root: unknown,
  inspect: (value: unknown, depth: number) => Inspection<Finding> | undefined,
): JsonFinding<Finding> | undefined {
  const pending: Visit[] = [{ value: root, key: undefined, parent: undefined, depth: 0 }];
  for (let visit = pending.pop(); visit !== undefined; visit = pending.pop()) {
    const inspection = inspect(visit.value, visit.depth);
    if (inspection)
      return { finding: inspection.finding, path: [...pathOf(visit), ...(inspection.keys ?? [])] };
    const { value } = visit;
    if (typeof value !== 'object' || value === null) continue;
    const children: Array<[PropertyKey, unknown]> = Array.isArray(value)
      ? [...value.entries()]
      : Object.entries(value);
    // pushed last first, so that the first child is popped first
    for (let index = children.length - 1; index >= 0; index -= 1) {
      const [key, child] = children[index] as [PropertyKey, unknown];
      pending.push({ value: child, key, parent: visit, depth: visit.depth + 1 });
    }
  }
  return undefined;
}

function pathOf(visit: Visit): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let current: Visit | undefined = visit; current?.key !== undefined; current = current.parent) {
    path.unshift(current.key);
  }
  return path;
}
