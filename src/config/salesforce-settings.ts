import { z } from 'zod';
import { httpUrl, type SettingDefinition } from './setting-types.ts';

// The single org's credentials: the External Client App, its My Domain, and one flow's proof
// (the consumer secret, or the JWT bearer flow's user and private key). SALESFORCE_ORGS replaces
// them all for a pool.

const nonEmptyText = z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' });

/** The settings of the single org's credentials. */
export const salesforceSettings = {
  SALESFORCE_CONSUMER_KEY: {
    schema: nonEmptyText,
    description:
      'Consumer key (client id) of the External Client App. Absent: demo mode with the built-in simulator.',
  },
  SALESFORCE_CONSUMER_SECRET: {
    schema: nonEmptyText,
    secret: true,
    description: 'Consumer secret of the External Client App.',
  },
  SALESFORCE_USERNAME: {
    schema: nonEmptyText,
    description:
      'JWT bearer flow instead of the consumer secret: the Salesforce user the tokens act for (pre-authorized for the app).',
  },
  SALESFORCE_PRIVATE_KEY: {
    schema: nonEmptyText,
    secret: true,
    description:
      "JWT bearer flow: the app certificate's RSA private key in PEM form (line breaks may be written \\n); or SALESFORCE_PRIVATE_KEY_FILE.",
  },
  SALESFORCE_PRIVATE_KEY_FILE: {
    schema: z.string({ error: 'must be a file path' }).min(1, { error: 'must not be empty' }),
    description: 'JWT bearer flow: a file holding that PEM private key, read once at start.',
  },
  SALESFORCE_JWT_AUDIENCE: {
    schema: httpUrl,
    description:
      "JWT bearer flow: the assertion's aud; default https://login.salesforce.com, or https://test.salesforce.com for a sandbox's My Domain.",
  },
  SALESFORCE_INSTANCE_URL: {
    schema: httpUrl,
    description: "The org's My Domain URL; tokens come from {it}/services/oauth2/token.",
  },
  SALESFORCE_API_BASE_URL: {
    schema: httpUrl,
    description: "Models API base; default: the token response's api_instance_url + /einstein/platform/v1.",
  },
} satisfies Record<string, SettingDefinition>;
