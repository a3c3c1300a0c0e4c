import type { OrgProof } from '../../config/org-proof.ts';
import { GatewayError } from '../../core/errors.ts';
import type { HttpClient } from '../../transport/http-client.ts';
import type { CachedToken } from '../../transport/token-store.ts';
import { type CredentialNames, singleOrgCredentialNames } from './credential-names.ts';
import { parseJsonObject } from './json-body.ts';
import { buildJwtBearerAssertion } from './jwt-bearer-assertion.ts';

/** What the gateway needs to get tokens from one org: its app and either flow's proof. */
export type ClientCredentials = OrgApp & OrgProof;

/** The org and the External Client App, whichever flow proves the gateway is that app. */
interface OrgApp {
  consumerKey: string;
  /** The org's My Domain URL. */
  instanceUrl: string;
  /** Overrides the token response's api_instance_url + /einstein/platform/v1. */
  apiBaseUrl: string | undefined;
}

/** Settings for one token request. */
export interface TokenRequestOptions {
  /** Lifetime assumed when the JWT has no readable exp claim. */
  fallbackTtlMs: number;
  timeoutMs: number;
  now: () => number;
  /** What the hints of a refusal call the credentials; the single org's SALESFORCE_* settings by default. */
  credentialNames?: CredentialNames;
}

const modelsApiPath = '/einstein/platform/v1';
const documentedApiInstanceUrl = 'https://api.salesforce.com';

const jwtBearerGrantType = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Asks the org's token endpoint for a new access token (client credentials or JWT bearer flow). */
export async function requestAccessToken(
  http: HttpClient,
  credentials: ClientCredentials,
  options: TokenRequestOptions,
): Promise<CachedToken> {
  const response = await http.request({
    method: 'POST',
    url: `${credentials.instanceUrl}/services/oauth2/token`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: buildTokenForm(credentials, options.now()).toString(),
    timeoutMs: options.timeoutMs,
  });
  if (response.status !== 200) {
    throw mapTokenError(
      response.status,
      response.body,
      credentials.jwtBearer ? 'jwt_bearer' : 'client_credentials',
      options.credentialNames,
    );
  }
  return parseTokenResponse(response.body, credentials, options);
}

function buildTokenForm(credentials: ClientCredentials, nowMs: number): URLSearchParams {
  if (credentials.jwtBearer) {
    return new URLSearchParams({
      grant_type: jwtBearerGrantType,
      assertion: buildJwtBearerAssertion(credentials.consumerKey, credentials.jwtBearer, nowMs),
    });
  }
  return new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: credentials.consumerKey,
    client_secret: credentials.consumerSecret,
  });
}

/** Turns a token response body into a cached token; expiry comes from the JWT's exp claim. */
export function parseTokenResponse(
  body: string,
  credentials: ClientCredentials,
  options: Pick<TokenRequestOptions, 'fallbackTtlMs' | 'now'>,
): CachedToken {
  const parsed = parseJsonObject(body);
  const accessToken = parsed?.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new GatewayError(
      'upstream_error',
      'Salesforce answered the token request without an access token.',
      {
        retryable: true,
      },
    );
  }
  const apiInstanceUrl =
    typeof parsed?.api_instance_url === 'string' && parsed.api_instance_url !== ''
      ? parsed.api_instance_url.replace(/\/+$/, '')
      : // Whether a JWT bearer token response names its API host is not documented: the host every
        // documented one names is assumed. A client credentials response without it lacks sfap_api.
        credentials.jwtBearer && documentedApiInstanceUrl;
  const apiBaseUrl = credentials.apiBaseUrl ?? (apiInstanceUrl && `${apiInstanceUrl}${modelsApiPath}`);
  if (!apiBaseUrl) {
    throw new GatewayError(
      'upstream_error',
      'The Salesforce token response has no api_instance_url, so the app is missing the sfap_api scope. Add the scope to the External Client App, or set SALESFORCE_API_BASE_URL.',
      { code: 'upstream_auth_failed', retryable: false },
    );
  }
  const obtainedAt = options.now();
  return {
    accessToken,
    obtainedAt,
    expiresAt: readExpiry(accessToken) ?? obtainedAt + options.fallbackTtlMs,
    apiBaseUrl,
    instanceUrl: typeof parsed?.instance_url === 'string' ? parsed.instance_url : credentials.instanceUrl,
    ...(apiInstanceUrl ? { apiInstanceUrl } : {}),
  };
}

// Salesforce sends no expires_in: the access token is a JWT whose exp claim is the only expiry.
// Only the claims are read (no signature check, as before), without a JWT library: loading one
// cost every gateway process about 15 MiB of RSS for this one field.
function readExpiry(accessToken: string): number | undefined {
  const parts = accessToken.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
    const exp = typeof claims === 'object' && claims !== null ? (claims as { exp?: unknown }).exp : undefined;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Which OAuth flow a token request used: the setup hints differ. */
export type TokenFlow = 'client_credentials' | 'jwt_bearer';

/** Maps a token-endpoint failure to a gateway error with a setup hint; credential problems are not retryable. */
export function mapTokenError(
  status: number,
  body: string,
  flow: TokenFlow = 'client_credentials',
  names: CredentialNames = singleOrgCredentialNames,
): GatewayError {
  const parsed = parseJsonObject(body);
  const code = typeof parsed?.error === 'string' ? parsed.error : undefined;
  const description = typeof parsed?.error_description === 'string' ? parsed.error_description : undefined;
  const said = code ? ` (${code}${description ? `: ${description}` : ''})` : '';
  if (status >= 500 || status === 429) {
    return new GatewayError('upstream_unavailable', `The Salesforce token endpoint is unavailable${said}.`, {
      status: 503,
      retryable: true,
      detail: { tokenStatus: status },
    });
  }
  return new GatewayError(
    'upstream_error',
    `Salesforce refused the gateway's credentials${said}. ${flow === 'jwt_bearer' ? jwtBearerHintFor(code, names) : hintFor(code, names)}`,
    { code: 'upstream_auth_failed', retryable: false, detail: { tokenStatus: status } },
  );
}

function hintFor(code: string | undefined, names: CredentialNames): string {
  switch (code) {
    case 'invalid_client_id':
      return `Check ${names.consumerKey} (a new app can take minutes to propagate).`;
    case 'invalid_client':
      return `Check ${names.consumerSecret}.`;
    case 'invalid_grant':
      return `Check that ${names.instanceUrl} is the org's My Domain URL and that the app's client credentials flow has a Run As user.`;
    case 'unsupported_grant_type':
      return 'Enable the client credentials flow on the External Client App.';
    default:
      return `Check ${names.settings} and the External Client App.`;
  }
}

function jwtBearerHintFor(code: string | undefined, names: CredentialNames): string {
  switch (code) {
    case 'invalid_client_id':
      return `Check ${names.consumerKey} (a new app can take minutes to propagate).`;
    case 'invalid_grant':
      return `Check ${names.username}, that the user is pre-authorized for the app (admin-approved users, with its profile or a permission set), that the certificate uploaded to the app belongs to ${names.privateKey}, that ${names.audience} is the org's login server, and that this machine's clock is right.`;
    case 'unsupported_grant_type':
      return 'Enable the JWT bearer flow (Use digital signatures) on the External Client App.';
    default:
      return `Check ${names.settings} and the External Client App.`;
  }
}
