import { ConfigError } from './config-error.ts';
import type { OrgList } from './org-list.ts';
import type { Config, OrgConfig, SettingName } from './schema.ts';

// SALESFORCE_ORGS replaces the single org's SALESFORCE_* credentials: the two together would
// leave it unclear which org a request goes to.

const singleOrgSettings = [
  'SALESFORCE_CONSUMER_KEY',
  'SALESFORCE_CONSUMER_SECRET',
  'SALESFORCE_USERNAME',
  'SALESFORCE_PRIVATE_KEY',
  'SALESFORCE_PRIVATE_KEY_FILE',
  'SALESFORCE_JWT_AUDIENCE',
  'SALESFORCE_INSTANCE_URL',
  'SALESFORCE_API_BASE_URL',
] as const;

/** The validated SALESFORCE_ORGS, or null when it is not set; refuses it beside the single-org credentials. */
export function readOrgPool(values: Record<SettingName, unknown>): OrgList | null {
  const orgs = values.SALESFORCE_ORGS as OrgList | undefined;
  if (orgs === undefined) return null;
  const conflicting = singleOrgSettings.filter((name) => values[name] !== undefined);
  if (conflicting.length > 0) {
    throw new ConfigError(
      `SALESFORCE_ORGS and ${conflicting.join(' and ')} are both set; use one or the other: SALESFORCE_ORGS for several orgs, or the SALESFORCE_* credentials for one.`,
    );
  }
  return orgs;
}

/** An org's credentials in the single-org shape, so that code meaning one org (demo detection, the token command) sees the pool's first. */
export function credentialsOf(org: OrgConfig): NonNullable<Config['salesforce']> {
  const { consumerKey, instanceUrl, apiBaseUrl } = org;
  const proof = org.jwtBearer ? { jwtBearer: org.jwtBearer } : { consumerSecret: org.consumerSecret };
  return { consumerKey, instanceUrl, apiBaseUrl, ...proof };
}
