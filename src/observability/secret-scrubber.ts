import { redactionCensor } from './logger.ts';

// What the console keeps of a body must never hold a credential: values under keys named like
// secrets are censored whole, and strings anywhere are searched for what looks like a token.

// Key names compared without case, dashes or underscores: "api_key", "x-api-key", "apiKey"…
const secretKeyNames = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'password',
  'passwd',
  'secret',
  'token',
  'bearer',
  'credential',
  'credentials',
  'privatekey',
  'sessionid',
]);
const secretKeyEndings = [
  'apikey',
  'secret',
  'password',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'sessiontoken',
];

/** True for a key whose value is a credential by its name (counts such as max_tokens are not). */
export function isSecretKeyName(key: string): boolean {
  const bare = key.toLowerCase().replace(/[-_]/g, '');
  return secretKeyNames.has(bare) || secretKeyEndings.some((ending) => bare.endsWith(ending));
}

const secretPatterns: RegExp[] = [
  /\bbearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  // JWTs: a base64url JSON header always starts with eyJ
  /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*)?/g,
  // provider keys such as sk-…, sk-ant-…, pk-…, rk-…
  /\b(?:sk|pk|rk)-[A-Za-z0-9_-]{8,}/g,
  // Salesforce access tokens: an org id, "!", then the session
  /\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{16,}/g,
  /\b[0-9a-fA-F]{32,}\b/g,
];
// Long base64 runs are secrets only when they mix digits and both cases (paths and words do not).
const base64Run = /[A-Za-z0-9+/_-]{40,}={0,2}/g;
const mixesCharacters = (run: string) => /\d/.test(run) && /[a-z]/.test(run) && /[A-Z]/.test(run);

/** A stretch of a text, [start, end), that holds a secret. */
export type SecretSpan = [start: number, end: number];

/** Where `text` holds what looks like a token or key, or one of `knownSecrets`: sorted, merged spans. */
export function findSecretSpans(text: string, knownSecrets: readonly string[] = []): SecretSpan[] {
  const spans: SecretSpan[] = [];
  for (const pattern of secretPatterns)
    for (const match of text.matchAll(pattern)) spans.push([match.index, match.index + match[0].length]);
  for (const match of text.matchAll(base64Run))
    if (mixesCharacters(match[0])) spans.push([match.index, match.index + match[0].length]);
  for (const secret of knownSecrets) {
    for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + secret.length))
      spans.push([at, at + secret.length]);
  }
  spans.sort((first, second) => first[0] - second[0]);
  const merged: SecretSpan[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push(span);
  }
  return merged;
}

/** `text` with everything that looks like a token or key, or is one of `knownSecrets`, replaced by the censor. */
export function scrubSecretText(text: string, knownSecrets: readonly string[] = []): string {
  const spans = findSecretSpans(text, knownSecrets);
  let scrubbed = '';
  let kept = 0;
  for (const [start, end] of spans) {
    scrubbed += `${text.slice(kept, start)}${redactionCensor}`;
    kept = end;
  }
  return spans.length === 0 ? text : scrubbed + text.slice(kept);
}

/** Deeper than any honest body; one nested further is not worth walking for the console. */
export const maximumScrubDepth = 64;

/**
 * A copy of a JSON value with secret-named keys censored and token-like strings scrubbed; a string
 * longer than `longestString` is cut to it first, so a megabyte of base64 image costs no search.
 */
export function scrubSecrets(value: unknown, longestString = Number.POSITIVE_INFINITY, depth = 0): unknown {
  if (typeof value === 'string')
    return scrubSecretText(value.length > longestString ? value.slice(0, longestString) : value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= maximumScrubDepth) return '[too deep]';
  if (Array.isArray(value)) return value.map((item) => scrubSecrets(item, longestString, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    copy[key] = isSecretKeyName(key) ? redactionCensor : scrubSecrets(inner, longestString, depth + 1);
  }
  return copy;
}
