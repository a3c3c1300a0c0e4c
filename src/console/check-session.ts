import { authorizationHeaders, describeFailure } from './api-client.ts';

/** What GET /ui/api/session said about a key. */
export type SessionCheck = { ok: true } | { ok: false; status: number; message: string };

/** Asks the gateway whether `key` (or no key) may use the console. */
export async function checkSession(key: string | null): Promise<SessionCheck> {
  try {
    const response = await fetch('/ui/api/session', { headers: authorizationHeaders(key) });
    if (response.ok) return { ok: true };
    return { ok: false, status: response.status, message: await describeFailure(response) };
  } catch (error) {
    return { ok: false, status: 0, message: `The gateway did not answer: ${(error as Error).message}` };
  }
}

/** The sign-in screen's explanation of a refused key. */
export function describeRefusal(check: { status: number; message: string }): string {
  if (check.status === 401) return 'This API key is not valid. Check the key and try again.';
  if (check.status === 403) {
    return 'This key is not an admin key. Give it admin rights with "admin": true in its entry of API_KEYS, then sign in again.';
  }
  return check.message;
}
