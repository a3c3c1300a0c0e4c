import type { OrgProof } from '../config/org-proof.ts';
import type { Config } from '../config/schema.ts';

/** What a secret is shown as. */
export const redactedValue = '********';

/** A copy of the config safe to print: every org's consumer secret or private key, the API keys, the Redis password
 * and the OTLP header values replaced by asterisks (client names stay, so the operator can see who is let in). */
export function redactConfig(config: Config): Record<string, unknown> {
  const salesforce = config.salesforce && redactProof(config.salesforce);
  const orgs = config.orgs?.map(redactProof) ?? null;
  const access = {
    ...config.access,
    apiKeys: config.access.apiKeys.map((apiKey) => ({ ...apiKey, key: redactedValue })),
  };
  const redis = config.redis && { ...config.redis, url: redactUrlPassword(config.redis.url) };
  // OTLP headers often carry a collector's API key
  const tracing = config.tracing && {
    ...config.tracing,
    headers: Object.fromEntries(Object.keys(config.tracing.headers).map((name) => [name, redactedValue])),
  };
  return { ...config, salesforce, orgs, access, redis, tracing };
}

// The JWT bearer flow's username and audience are settings, not secrets: they stay readable.
function redactProof<Org extends OrgProof>(org: Org): Org {
  if (org.jwtBearer) return { ...org, jwtBearer: { ...org.jwtBearer, privateKeyPem: redactedValue } };
  return { ...org, consumerSecret: redactedValue };
}

function redactUrlPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password === '') return url;
  parsed.password = redactedValue;
  return parsed.toString();
}

/** Nested settings as `a.b: value` lines, in the config's own order. */
export function flattenSettings(settings: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(settings).flatMap(([key, value]) => {
    const name = `${prefix}${key}`;
    const isGroup = value !== null && typeof value === 'object' && Object.keys(value).length > 0;
    return isGroup && !Array.isArray(value)
      ? flattenSettings(value as Record<string, unknown>, `${name}.`)
      : [`${name}: ${value === undefined ? '(not set)' : JSON.stringify(value)}`];
  });
}
