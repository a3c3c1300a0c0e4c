// Upstream text is untrusted: control characters could forge log lines or break a client's
// terminal, an upstream may echo back the credential it was sent, and an error body is no place
// to repeat kilobytes of upstream wording.

/** Longest upstream wording the gateway repeats to a client. */
export const longestUpstreamText = 300;

const controlsAndSpaces = /[\p{Cc}\s]+/gu;

// Bearer credentials, JWTs (an OrgJWT starts eyJ) and Salesforce session ids (00D…!…); not
// anchored at a word boundary, so a glued-on prefix (`xBearer …`) does not hide one.
const secretPatterns = [
  /bearer\s+[\w.~+/=-]+/gi,
  /eyJ[\w-]*\.[\w-]+\.[\w-]*/g,
  /00D[A-Za-z0-9]{12,15}![\w.]+/g,
];

/** Upstream text made safe to show a client: one line, no control characters, anything that
 * looks like a credential blotted out, then cut short. */
export function safeUpstreamText(text: string): string {
  const oneLine = text.replace(controlsAndSpaces, ' ').trim();
  // blotted before the cut, so a credential cut in half is still recognised
  const blotted = secretPatterns.reduce(
    (redacted, pattern) => redacted.replace(pattern, '[redacted]'),
    oneLine,
  );
  return blotted.length > longestUpstreamText ? `${blotted.slice(0, longestUpstreamText)}…` : blotted;
}
