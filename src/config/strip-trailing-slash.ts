/** A base URL without its trailing slashes, so paths can be appended with one. */
export function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
