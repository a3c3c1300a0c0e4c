import { modelFallbackMap } from './model-fallback-map.ts';
import { orgList } from './org-list.ts';
import { nonNegativeInteger, positiveInteger, type SettingDefinition } from './setting-types.ts';

// Several orgs serving one gateway, what is tried when a model is throttled or failing, and the
// one time budget a request has for all of it.

/** The settings of the org pool, the model fallbacks and the request deadline. */
export const orgPoolSettings = {
  SALESFORCE_ORGS: {
    schema: orgList,
    secret: true,
    description:
      'Several orgs instead of the SALESFORCE_* credentials: a JSON array of {"name","consumerKey","consumerSecret","instanceUrl"} (or "username" with "privateKey" or "privateKeyFile", and optionally "jwtAudience", for the JWT bearer flow) with optional "apiBaseUrl", "nativeApiBaseUrl", "weight" (share of the traffic, default 1) and "models" (the names it serves, default all).',
  },
  ORG_COOLDOWN_SECONDS: {
    schema: positiveInteger,
    default: 60,
    description:
      'How long an org that answered 429 without Retry-After (Salesforce documents none) is skipped.',
  },
  MODEL_FALLBACKS: {
    schema: modelFallbackMap,
    default: {},
    description:
      'JSON object of public model name -> public names tried in order when it is throttled, failing or timed out everywhere, e.g. {"claude-4-sonnet":["gpt-4.1"]}.',
  },
  REQUEST_DEADLINE_MS: {
    schema: nonNegativeInteger,
    default: 600_000,
    description:
      "One time budget for a request's answer (a stream's first event) across retries, org switches and fallbacks; after it the client gets the protocol's timeout error; 0 turns it off.",
  },
} satisfies Record<string, SettingDefinition>;
