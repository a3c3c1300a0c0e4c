/** What an org's credential settings are called where the operator wrote them, for setup hints. */
export interface CredentialNames {
  consumerKey: string;
  consumerSecret: string;
  instanceUrl: string;
  username: string;
  privateKey: string;
  audience: string;
  /** All of them at once. */
  settings: string;
}

/** The single org's SALESFORCE_* settings. */
export const singleOrgCredentialNames: CredentialNames = {
  consumerKey: 'SALESFORCE_CONSUMER_KEY',
  consumerSecret: 'SALESFORCE_CONSUMER_SECRET',
  instanceUrl: 'SALESFORCE_INSTANCE_URL',
  username: 'SALESFORCE_USERNAME',
  privateKey: 'SALESFORCE_PRIVATE_KEY',
  audience: 'SALESFORCE_JWT_AUDIENCE',
  settings: 'the SALESFORCE_* settings',
};

/** The fields of one SALESFORCE_ORGS entry. */
export function poolOrgCredentialNames(org: string): CredentialNames {
  const entry = `the SALESFORCE_ORGS entry "${org}"`;
  const field = (name: string) => `${name} of ${entry}`;
  return {
    consumerKey: field('consumerKey'),
    consumerSecret: field('consumerSecret'),
    instanceUrl: field('instanceUrl'),
    username: field('username'),
    privateKey: field('privateKey'),
    audience: field('jwtAudience'),
    settings: entry,
  };
}
