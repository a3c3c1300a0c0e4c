import type { NativeRoute } from './reply-request.ts';

/** The four Models API operations, each rate-limited, counted and recorded on its own. */
export type ModelsEndpoint = 'generations' | 'chat-generations' | 'embeddings' | 'feedback';

/** Every endpoint the simulator records requests for: the Models API, the native routes and the token endpoint. */
export type RecordedEndpoint = ModelsEndpoint | NativeRoute | 'token';

/** The Models API endpoints in a fixed order, for building per-endpoint tables. */
export const modelsEndpoints: readonly ModelsEndpoint[] = [
  'generations',
  'chat-generations',
  'embeddings',
  'feedback',
];

/** Path of the OAuth token endpoint on the simulated My Domain host. */
export const tokenPath = '/services/oauth2/token';

/** Base path of the Models API on the simulated api host. */
export const modelsApiPath = '/einstein/platform/v1';

/** Base path of the native surface (Bedrock, Responses and LLM-gateway shapes) on the api host. */
export const nativeApiPath = '/ai/gpt/v1';
