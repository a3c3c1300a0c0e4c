import { randomBytes } from 'node:crypto';

/** A fresh tool-call id: `call_` and 24 random hex characters. */
export function createCallId(): string {
  return `call_${randomBytes(12).toString('hex')}`;
}
