/** Which Salesforce endpoint an exchange went to, as a bounded metric label. */
export type UpstreamEndpoint =
  | 'token'
  | 'chat-generations'
  | 'generations'
  | 'embeddings'
  | 'feedback'
  | 'native-invoke'
  | 'native-invoke-stream'
  | 'native-responses'
  | 'native-chat-generations'
  | 'native-chat-generations-stream'
  | 'other';

const modelEndpoints = new Set<UpstreamEndpoint>(['chat-generations', 'generations', 'embeddings']);
// The native surface shares the pools, so its calls are labelled too; the model stays out.
const nativeEndpoints: Array<[RegExp, UpstreamEndpoint]> = [
  [/\/ai\/gpt\/v1\/model\/[^/]+\/invoke$/, 'native-invoke'],
  [/\/ai\/gpt\/v1\/model\/[^/]+\/invoke-with-response-stream$/, 'native-invoke-stream'],
  [/\/ai\/gpt\/v1\/responses$/, 'native-responses'],
  [/\/ai\/gpt\/v1\/chat\/generations$/, 'native-chat-generations'],
  [/\/ai\/gpt\/v1\/chat\/generations\/stream$/, 'native-chat-generations-stream'],
];

// Labels of the URLs seen, by href (a URL holds it as a string; its pathname is rebuilt per read).
// A gateway calls few distinct URLs (one per model and endpoint), so each is matched once, not on
// every call. Bounded so that odd URLs cannot grow it without end.
const knownUrls = new Map<string, UpstreamEndpoint>();
const knownUrlsLimit = 256;

/** Names the endpoint of a Salesforce URL without the model or org in it, so labels stay few. */
export function mapUpstreamEndpoint(url: URL): UpstreamEndpoint {
  const href = url.href;
  const known = knownUrls.get(href);
  if (known !== undefined) return known;
  const endpoint = matchEndpoint(url.pathname);
  if (knownUrls.size < knownUrlsLimit) knownUrls.set(href, endpoint);
  return endpoint;
}

function matchEndpoint(path: string): UpstreamEndpoint {
  if (path.endsWith('/services/oauth2/token')) return 'token';
  if (path.includes('/ai/gpt/v1/')) {
    return nativeEndpoints.find(([pattern]) => pattern.test(path))?.[1] ?? 'other';
  }
  if (path.endsWith('/feedback')) return 'feedback';
  const last = path.slice(path.lastIndexOf('/') + 1) as UpstreamEndpoint;
  return modelEndpoints.has(last) && path.includes('/models/') ? last : 'other';
}
