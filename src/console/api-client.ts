/** Raised when the gateway refuses the console's key: the app returns to the sign-in screen. */
export class SignedOutError extends Error {}

/** Calls the gateway's own /ui/api/* with the signed-in key. */
export interface ApiClient {
  /** The signed-in key; null on a gateway without keys. */
  key: string | null;
  /** GETs `path` as JSON; `signal` stops it when the page that asked goes away. */
  getJson<T>(path: string, signal?: AbortSignal): Promise<T>;
  /** Returns to the sign-in screen: the gateway stopped accepting the key (a 401 elsewhere). */
  reportRefusedKey(): void;
}

/** Headers that authenticate `key` with the gateway (none without a key). */
export function authorizationHeaders(key: string | null): Record<string, string> {
  return key === null ? {} : { authorization: `Bearer ${key}` };
}

/** An ApiClient whose 401/403 answers call `onSignedOut` and throw SignedOutError. */
export function createApiClient(key: string | null, onSignedOut: () => void): ApiClient {
  return {
    key,
    reportRefusedKey: onSignedOut,
    async getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
      const response = await fetch(path, { headers: authorizationHeaders(key), signal });
      if (response.status === 401 || response.status === 403) {
        onSignedOut();
        throw new SignedOutError('signed out');
      }
      if (!response.ok) throw new Error(await describeFailure(response));
      const text = await response.text();
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new Error(`the gateway's answer to ${path} is not JSON (status ${response.status})`);
      }
    },
  };
}

/** The gateway's error message from a failed answer, or its status. */
export async function describeFailure(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string') return `${response.status}: ${message}`;
  } catch {
    // not JSON: fall back to the status line
  }
  return `${response.status} ${response.statusText}`.trim();
}
