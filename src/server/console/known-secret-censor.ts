import type { Config } from '../../config/schema.ts';
import { redactionCensor } from '../../observability/logger.ts';
import { scrubFrames } from '../../observability/scrub-frames.ts';
import { scrubSecretText } from '../../observability/secret-scrubber.ts';

// The scrubber finds what looks like a token; a configured secret need not look like one (an API
// key such as "n8n-key-3a9c7e1b5d2f8a64"), so a captured body is also searched for each of them,
// as written and as JSON escapes it, before it is shown.

// Shorter values are not worth censoring: they would blank out ordinary words.
const shortestCensored = 8;

/** Censors captured bodies as they are shown, by pattern and by the secrets this gateway is configured with. */
export interface KnownSecretCensor {
  /** A request body: JSON whose strings are whole. */
  requestBody(text: string, cut: boolean): string;
  /** An answer or a stream's frames, where a secret may be spread over several frames. */
  responseBody(text: string, cut: boolean): string;
}

/**
 * A censor of the API keys, every org's consumer secret or private key and Redis's password; in a text `cut` at the byte
 * bound, also of the start of one the cut ended in.
 */
export function createKnownSecretCensor(
  config: Pick<Config, 'access' | 'salesforce' | 'orgs' | 'redis'>,
): KnownSecretCensor {
  const secrets = new Set<string>();
  const add = (secret: string | undefined) => {
    if (secret === undefined || secret.length < shortestCensored) return;
    secrets.add(secret);
    secrets.add(JSON.stringify(secret).slice(1, -1));
  };
  for (const apiKey of config.access.apiKeys) add(apiKey.key);
  for (const org of [config.salesforce, ...(config.orgs ?? [])]) {
    add(org?.consumerSecret);
    add(org?.jwtBearer?.privateKeyPem);
  }
  if (config.redis) add(decodeURIComponent(new URL(config.redis.url).password));
  // longest first, so a secret holding another is censored whole
  const ordered = [...secrets].sort((first, second) => second.length - first.length);
  const censorCut = (text: string, cut: boolean) => (cut ? censorCutSecret(text, ordered) : text);
  return {
    requestBody: (text, cut) => censorCut(scrubSecretText(text, ordered), cut),
    responseBody: (text, cut) => censorCut(scrubFrames(text, ordered), cut),
  };
}

// The longest start of a secret the text ends in, from a few characters up: what the cut left of it.
const shortestStart = 4;
function censorCutSecret(text: string, secrets: readonly string[]): string {
  for (const secret of secrets) {
    for (let length = Math.min(secret.length - 1, text.length); length >= shortestStart; length--) {
      if (text.endsWith(secret.slice(0, length))) return `${text.slice(0, -length)}${redactionCensor}`;
    }
  }
  return text;
}
