import type { core } from 'zod';
import { GatewayError } from '../../core/errors.ts';

type Issue = core.$ZodIssue;

/** Turns the first schema issue into a 400 that names the field OpenAI-style and says what to send. */
export function mapValidationIssue(issue: Issue, pathPrefix: PropertyKey[] = []): GatewayError {
  const path = [...pathPrefix, ...issue.path];
  const param = formatParam(path);
  const invalid = (message: string, code = 'invalid_value') =>
    new GatewayError('invalid_request', `${param} ${message}`, { param, code });

  if (!('input' in issue) || issue.input === undefined) {
    if (issue.code === 'invalid_type' || issue.code === 'invalid_union') {
      return invalid('is required.', 'missing_required_parameter');
    }
  }
  switch (issue.code) {
    case 'invalid_type':
      return invalid(
        `must be ${describeType(issue.expected)}; got ${describeValue(issue.input)}.`,
        'invalid_type',
      );
    case 'invalid_value':
      return invalid(`must be ${listValues(issue.values)}; got ${describeValue(issue.input)}.`);
    case 'too_small':
      return invalid(describeBound('at least', issue.origin, issue.minimum, issue.inclusive, issue.input));
    case 'too_big':
      return invalid(describeBound('at most', issue.origin, issue.maximum, issue.inclusive, issue.input));
    case 'invalid_union':
      return mapUnionIssue(issue, path, invalid);
    default:
      return invalid(`is invalid: ${issue.message}.`);
  }
}

/** `['messages', 2, 'content']` -> `messages[2].content`. */
export function formatParam(path: PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function mapUnionIssue(
  issue: core.$ZodIssueInvalidUnion,
  path: PropertyKey[],
  invalid: (message: string, code?: string) => GatewayError,
): GatewayError {
  if (issue.discriminator !== undefined) {
    const options = 'options' in issue && issue.options ? issue.options : [];
    const input = issue.input as Record<string, unknown> | undefined;
    const value = input?.[issue.discriminator];
    if (value === undefined) return invalid('is required.', 'missing_required_parameter');
    return invalid(`must be ${listValues(options)}; got ${describeValue(value)}.`);
  }
  // A branch whose type matched holds the real problem; report that one.
  const [innerIssue] = issue.errors.find((branch) => !branch.some(isTypeMismatchAtRoot)) ?? [];
  if (innerIssue) return mapValidationIssue(innerIssue, path);
  const expected = issue.errors.flatMap((branch) => branch.filter(isTypeMismatchAtRoot));
  const types = [...new Set(expected.map((mismatch) => describeType(mismatch.expected)))];
  return invalid(`must be ${types.join(' or ')}; got ${describeValue(issue.input)}.`, 'invalid_type');
}

function isTypeMismatchAtRoot(issue: Issue): issue is core.$ZodIssueInvalidType {
  return issue.code === 'invalid_type' && issue.path.length === 0;
}

function describeBound(
  word: 'at least' | 'at most',
  origin: string,
  limit: number | bigint,
  inclusive: boolean | undefined,
  input: unknown,
): string {
  if (origin === 'array') return `must have ${word} ${limit} item${limit === 1 ? '' : 's'}.`;
  if (origin === 'string')
    return limit === 1 && word === 'at least'
      ? 'must not be empty.'
      : `must have ${word} ${limit} characters.`;
  const comparison = inclusive ? word : word === 'at least' ? 'greater than' : 'less than';
  return `must be ${comparison} ${limit}; got ${describeValue(input)}.`;
}

const typeNames: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
  record: 'an object',
  null: 'null',
};

function describeType(expected: string): string {
  return typeNames[expected] ?? expected;
}

function listValues(values: readonly unknown[]): string {
  if (values.length === 1) return JSON.stringify(values[0]);
  return `one of ${values.map(String).join(', ')}`;
}

/** A value as a message shows it: its JSON, cut to 40 characters, or its kind for objects and arrays. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
