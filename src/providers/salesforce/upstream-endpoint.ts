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

/** Names the endpoint of a Salesforce URL without the model or org in it, so labels stay few. */
export function mapUpstreamEndpoint(url: URL): UpstreamEndpoint {
  const path = url.pathname;
  if (path.endsWith('/services/oauth2/token')) return 'token';
  if (path.includes('/ai/gpt/v1/')) {
    return nativeEndpoints.find(([pattern]) => pattern.test(path))?.[1] ?? 'other';
  }
  if (path.endsWith('/feedback')) return 'feedback';
  const last = path.slice(path.lastIndexOf('/') + 1) as UpstreamEndpoint;
  return modelEndpoints.has(last) && path.includes('/models/') ? last : 'other';
}
