import path from 'node:path';

/** The token file of one org of a pool: TOKEN_CACHE_FILE with the org's name before the extension
 * (token-cache.json -> token-cache.eu.json), since a token file holds one token. */
export function orgTokenFile(tokenFile: string, orgName: string): string {
  const extension = path.extname(tokenFile);
  return `${tokenFile.slice(0, tokenFile.length - extension.length)}.${orgName}${extension}`;
}
