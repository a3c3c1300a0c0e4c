import { ConfigError } from './config-error.ts';
import {
  hasAnyProofField,
  type OrgProof,
  type OrgProofFields,
  readOrgProof,
  singleOrgProofNames,
} from './org-proof.ts';
import type { Config, SettingName } from './schema.ts';
import { stripTrailingSlash } from './strip-trailing-slash.ts';

// Credentials come as a set: a partial set is a mistake worth stopping for, while none at all
// means demo mode. The set is the consumer key, the My Domain URL and one flow's proof.
/** The single org of the SALESFORCE_* settings, or null (demo mode) when none of them is set. */
export function readSingleOrg(values: Record<SettingName, unknown>): Config['salesforce'] {
  const proofFields: OrgProofFields = {
    consumerSecret: values.SALESFORCE_CONSUMER_SECRET,
    username: values.SALESFORCE_USERNAME,
    privateKey: values.SALESFORCE_PRIVATE_KEY,
    privateKeyFile: values.SALESFORCE_PRIVATE_KEY_FILE,
    audience: values.SALESFORCE_JWT_AUDIENCE,
  };
  const required = ['SALESFORCE_CONSUMER_KEY', 'SALESFORCE_INSTANCE_URL'] as const;
  const present = required.filter((name) => values[name] !== undefined);
  if (present.length === 0 && !hasAnyProofField(proofFields)) return null;
  const missing: string[] = required.filter((name) => values[name] === undefined);
  if (!hasAnyProofField(proofFields)) {
    missing.push('SALESFORCE_CONSUMER_SECRET (or SALESFORCE_PRIVATE_KEY with SALESFORCE_USERNAME)');
  }
  if (missing.length > 0) {
    const given = [...present, ...presentProofSettings(proofFields)];
    throw new ConfigError(
      `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing while ${given.join(' and ')} ${given.length > 1 ? 'are' : 'is'} set; set ${missing.length > 1 ? 'them' : 'it'} too, or remove the Salesforce credentials to run in demo mode.`,
    );
  }
  const instanceUrl = stripTrailingSlash(values.SALESFORCE_INSTANCE_URL as string);
  let proof: OrgProof;
  try {
    proof = readOrgProof(proofFields, singleOrgProofNames, instanceUrl);
  } catch (error) {
    const problem = (error as Error).message;
    throw new ConfigError(`${problem.charAt(0).toUpperCase()}${problem.slice(1)}.`);
  }
  return {
    consumerKey: values.SALESFORCE_CONSUMER_KEY as string,
    instanceUrl,
    apiBaseUrl: values.SALESFORCE_API_BASE_URL
      ? stripTrailingSlash(values.SALESFORCE_API_BASE_URL as string)
      : undefined,
    ...proof,
  };
}

function presentProofSettings(fields: OrgProofFields): string[] {
  const keys = Object.keys(fields) as (keyof OrgProofFields)[];
  return keys.filter((key) => fields[key] !== undefined).map((key) => singleOrgProofNames[key]);
}
