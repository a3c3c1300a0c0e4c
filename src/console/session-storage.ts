// The key lives in sessionStorage only: it is gone when the tab closes, and other tabs never see it.
const storageKey = 'sfgw-console-key';

/** The key this tab signed in with, if any. */
export function readStoredKey(): string | null {
  return sessionStorage.getItem(storageKey);
}

/** Keeps the key for this tab; null forgets it. */
export function storeKey(key: string | null): void {
  if (key === null) sessionStorage.removeItem(storageKey);
  else sessionStorage.setItem(storageKey, key);
}
