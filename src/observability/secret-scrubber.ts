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

/** `text` with everything that looks like a token or key replaced by the censor. */
export function scrubSecretText(text: string): string {
  let scrubbed = text;
  for (const pattern of secretPatterns) scrubbed = scrubbed.replace(pattern, redactionCensor);
  return scrubbed.replace(base64Run, (run) => (mixesCharacters(run) ? redactionCensor : run));
}

// Deeper than any honest request; a body nested further is not worth walking for the console.
const maximumDepth = 64;

/**
 * A copy of a JSON value with secret-named keys censored and token-like strings scrubbed; a string
 * longer than `longestString` is cut to it first, so a megabyte of base64 image costs no search.
 */
export function scrubSecrets(value: unknown, longestString = Number.POSITIVE_INFINITY, depth = 0): unknown {
  if (typeof value === 'string')
    return scrubSecretText(value.length > longestString ? value.slice(0, longestString) : value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= maximumDepth) return '[too deep]';
  if (Array.isArray(value)) return value.map((item) => scrubSecrets(item, longestString, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    copy[key] = isSecretKeyName(key) ? redactionCensor : scrubSecrets(inner, longestString, depth + 1);
  }
  return copy;
}
