/** Which Salesforce endpoint an exchange went to, as a bounded metric label. */
export type UpstreamEndpoint =
  | 'token'
  | 'chat-generations'
  | 'generations'
  | 'embeddings'
  | 'feedback'
  | 'other';

const modelEndpoints = new Set<UpstreamEndpoint>(['chat-generations', 'generations', 'embeddings']);

/** Names the endpoint of a Salesforce URL without the model or org in it, so labels stay few. */
export function mapUpstreamEndpoint(url: URL): UpstreamEndpoint {
  const path = url.pathname;
  if (path.endsWith('/services/oauth2/token')) return 'token';
  if (path.endsWith('/feedback')) return 'feedback';
  const last = path.slice(path.lastIndexOf('/') + 1) as UpstreamEndpoint;
  return modelEndpoints.has(last) && path.includes('/models/') ? last : 'other';
}
