import type { CachedToken } from '../../transport/token-store.ts';

const nativePath = '/ai/gpt/v1';
// Every public sample's api_instance_url; used when the token response carried none.
const defaultApiInstanceUrl = 'https://api.salesforce.com';

/** Where native calls go: SALESFORCE_NATIVE_API_BASE_URL, else the token's api_instance_url +
 * /ai/gpt/v1, else https://api.salesforce.com/ai/gpt/v1. */
export function nativeBaseUrl(configured: string | undefined, token: CachedToken): string {
  return configured ?? `${token.apiInstanceUrl ?? defaultApiInstanceUrl}${nativePath}`;
}
