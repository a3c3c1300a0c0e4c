import type { Simulator } from './simulator.ts';

/** Headers every documented Models API call carries, besides the bearer token. */
export const modelsApiHeaders = {
  'content-type': 'application/json',
  'x-sfdc-app-context': 'EinsteinGPT',
  'x-client-feature-id': 'ai-platform-models-connected-app',
} as const;

/** Options for one Models API call. */
export interface CallOptions {
  /** Bearer token; defaults to a fresh one from the token endpoint. Null sends no Authorization header. */
  token?: string | null;
  /** Extra or replacement headers; an undefined value removes a default header. */
  headers?: Record<string, string | undefined>;
  /** Sent as is when a string, JSON-encoded otherwise. */
  body?: unknown;
  signal?: AbortSignal;
}

/** A minimal client for the simulator, the way the gateway talks to Salesforce; used by tests. */
export interface SimulatorClient {
  /** Fetches an access token with the configured client credentials. */
  fetchToken(): Promise<string>;
  /** POSTs to a path under `/einstein/platform/v1`. */
  post(path: string, options?: CallOptions): Promise<Response>;
}

/** Fetches an access token with client credentials from a simulator's token endpoint (in this process or not). */
export async function fetchSimulatorToken(credentials: {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
  });
  const response = await fetch(credentials.tokenUrl, { method: 'POST', body: form });
  if (!response.ok) throw new Error(`token request failed with ${response.status}`);
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

/** Creates a client bound to one simulator. */
export function createSimulatorClient(simulator: Simulator): SimulatorClient {
  const fetchToken = () => fetchSimulatorToken(simulator);

  async function post(path: string, options: CallOptions = {}): Promise<Response> {
    const token = options.token === undefined ? await fetchToken() : options.token;
    const merged: Record<string, string | undefined> = { ...modelsApiHeaders, ...options.headers };
    if (token !== null) merged.authorization ??= `Bearer ${token}`;
    const headers = Object.fromEntries(
      Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    const body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body ?? {});
    return fetch(`${simulator.apiBaseUrl}${path}`, { method: 'POST', headers, body, signal: options.signal });
  }

  return { fetchToken, post };
}

/** Parses a JSON response body for field-by-field assertions. */
// biome-ignore lint/suspicious/noExplicitAny: tests walk response bodies whose shape is what they assert
export async function readJson(response: Response): Promise<any> {
  return response.json();
}
