import { z } from 'zod';
import { httpUrl, positiveInteger, type SettingDefinition } from './setting-types.ts';

// Which Salesforce surface serves chats: the documented Models API, the native surface
// (/ai/gpt/v1: provider-shaped routes with real streaming and native tools), or the native
// surface with the Models API behind it for models the org cannot reach natively.

const upstreamApi = z.enum(['models', 'native', 'auto'], { error: 'must be one of models, native, auto' });

/** The settings that choose and reach the native surface. */
export const nativeSettings = {
  UPSTREAM_API: {
    schema: upstreamApi,
    default: 'models',
    description:
      'Salesforce surface for chats: models (Models API), native (/ai/gpt/v1) or auto (native, else the Models API).',
  },
  SALESFORCE_NATIVE_API_BASE_URL: {
    schema: httpUrl,
    description:
      "Native surface base; default: the token response's api_instance_url + /ai/gpt/v1, else https://api.salesforce.com/ai/gpt/v1.",
  },
  NATIVE_ROUTE_MEMORY_SECONDS: {
    schema: positiveInteger,
    default: 600,
    description:
      'With UPSTREAM_API=auto, how long a model the native surface could not route keeps going to the Models API.',
  },
} satisfies Record<string, SettingDefinition>;

/** Which Salesforce surface serves chats. */
export type UpstreamApi = z.infer<typeof upstreamApi>;
