// Why an API key could never reach the gateway intact in an HTTP header: clients and proxies
// strip a header value's surrounding whitespace, control characters cannot be sent at all, and
// Node reads header bytes as Latin-1, so a key with non-ASCII text never compares equal.

const controlCharacter = /\p{Cc}/u;
const outsidePrintableAscii = /[^\u0020-\u007e]/;

/** What makes `key` impossible to present in a header, or undefined when it can be sent as is. */
export function describeUnsendableKey(key: string): string | undefined {
  if (controlCharacter.test(key)) {
    return 'contains a control character (a tab or line break, say), which an HTTP header cannot carry';
  }
  if (key.trim() !== key) return 'starts or ends with a space, which HTTP strips from header values';
  if (outsidePrintableAscii.test(key)) {
    return 'contains a character outside printable ASCII, which an HTTP header does not carry intact';
  }
  return undefined;
}
