import { z } from 'zod';
import { type OrgProof, type OrgProofNames, readOrgProof } from './org-proof.ts';
import { fromJsonText, httpUrl } from './setting-types.ts';
import { stripTrailingSlash } from './strip-trailing-slash.ts';

/** One org of a pool (SALESFORCE_ORGS): its credentials, its share of the traffic and the models it serves. */
export type OrgConfig = OrgEntry & OrgProof;

/** An org's entry beside its proof (the consumer secret or the JWT bearer settings). */
interface OrgEntry {
  /** Unique; used in logs, metrics, health and Redis keys. */
  name: string;
  consumerKey: string;
  instanceUrl: string;
  apiBaseUrl: string | undefined;
  nativeApiBaseUrl: string | undefined;
  /** Relative share of the traffic among the orgs that serve a model. */
  weight: number;
  /** Public or API names this org serves; null: every model. */
  models: readonly string[] | null;
}

// SALESFORCE_ORGS lists the orgs of a pool. Checked by hand, so that a mistake names the org
// (by position and name) and the field, and never shows a value: the list holds secrets.

const namePattern = /^[A-Za-z0-9_-]{1,40}$/;
const urlFields = ['instanceUrl', 'apiBaseUrl', 'nativeApiBaseUrl'] as const;
const proofNames: OrgProofNames = {
  consumerSecret: 'consumerSecret',
  username: 'username',
  privateKey: 'privateKey',
  privateKeyFile: 'privateKeyFile',
  audience: 'jwtAudience',
};
const allowedKeys = new Set([
  'name',
  'consumerKey',
  ...Object.values(proofNames),
  ...urlFields,
  'weight',
  'models',
]);
const shape =
  'must be a non-empty JSON array of orgs, e.g. [{"name":"eu","consumerKey":"…","consumerSecret":"…","instanceUrl":"https://eu.my.salesforce.com"}]';

/** The orgs of a pool: never empty. */
export type OrgList = readonly [OrgConfig, ...OrgConfig[]];

/** The SALESFORCE_ORGS value, from the environment's JSON text or the file's list, as validated orgs. */
export const orgList = fromJsonText(
  z.unknown().transform((value, context): OrgList => {
    const result = readOrgList(value);
    if (typeof result !== 'string') return result;
    context.issues.push({ code: 'custom', message: result, input: value });
    return z.NEVER;
  }),
);

/**
 * The orgs of a SALESFORCE_ORGS value, or what is wrong with it, to follow the setting's name
 * ("must …" or "[1] (\"eu\") …"). The shape is checked first, then each org's proof is read (a
 * key file once), so a problem is told for the first org that has one.
 */
export function readOrgList(value: unknown): OrgList | string {
  const problem = describeShapeProblem(value);
  if (problem !== undefined) return problem;
  const entries = value as [Record<string, unknown>, ...Record<string, unknown>[]];
  const orgs: OrgConfig[] = [];
  for (const [index, entry] of entries.entries()) {
    const instanceUrl = stripTrailingSlash(entry.instanceUrl as string);
    try {
      orgs.push(toOrgConfig(entry, readOrgProof(proofFieldsOf(entry), proofNames, instanceUrl)));
    } catch (error) {
      return `${labelOf(entry, index)} ${(error as Error).message}`;
    }
  }
  return orgs as [OrgConfig, ...OrgConfig[]];
}

function proofFieldsOf(entry: Record<string, unknown>) {
  const { consumerSecret, username, privateKey, privateKeyFile, jwtAudience } = entry;
  return { consumerSecret, username, privateKey, privateKeyFile, audience: jwtAudience };
}

function describeShapeProblem(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return shape;
  const firstIndexByName = new Map<string, number>();
  for (const [index, entry] of value.entries()) {
    const problem = describeOrgProblem(entry, index, firstIndexByName);
    if (problem !== undefined) return `${labelOf(entry, index)} ${problem}`;
  }
  return undefined;
}

function describeOrgProblem(
  entry: unknown,
  index: number,
  firstIndexByName: Map<string, number>,
): string | undefined {
  if (!isPlainObject(entry))
    return 'must be an object with name, consumerKey, instanceUrl and consumerSecret (or privateKey and username)';
  const unknownKey = Object.keys(entry).find((key) => !allowedKeys.has(key));
  if (unknownKey !== undefined) {
    return `has unknown key ${JSON.stringify(unknownKey)}; allowed: ${[...allowedKeys].join(', ')}`;
  }
  if (!isOrgName(entry.name)) return 'name must be 1-40 letters, digits, dashes or underscores';
  const firstIndex = firstIndexByName.get(entry.name.toLowerCase());
  if (firstIndex !== undefined) {
    return `name is already the name of SALESFORCE_ORGS[${firstIndex}]; names must be unique, ignoring case`;
  }
  firstIndexByName.set(entry.name.toLowerCase(), index);
  if (typeof entry.consumerKey !== 'string' || entry.consumerKey === '') {
    return 'consumerKey must be a non-empty string';
  }
  for (const field of urlFields) {
    const required = field === 'instanceUrl';
    if (!required && entry[field] === undefined) continue;
    if (!httpUrl.safeParse(entry[field]).success) {
      return `${field} must be an http(s) URL such as https://mycompany.my.salesforce.com`;
    }
  }
  return describeRoutingProblem(entry);
}

function describeRoutingProblem(entry: Record<string, unknown>): string | undefined {
  const { weight, models } = entry;
  if (weight !== undefined && !(typeof weight === 'number' && Number.isFinite(weight) && weight > 0)) {
    return 'weight must be a positive number (its share of the traffic; 1 when left out)';
  }
  const isModelList =
    Array.isArray(models) &&
    models.length > 0 &&
    models.every((model) => typeof model === 'string' && model !== '');
  if (models !== undefined && !isModelList) {
    return 'models must be a non-empty array of model names (public names or Salesforce API names), or left out for every model';
  }
  return undefined;
}

// The name is safe to show and tells the operator which org is meant; a bad name is not shown.
function labelOf(entry: unknown, index: number): string {
  const name = isPlainObject(entry) && isOrgName(entry.name) ? ` (${JSON.stringify(entry.name)})` : '';
  return `[${index}]${name}`;
}

function toOrgConfig(entry: Record<string, unknown>, proof: OrgProof): OrgConfig {
  return {
    name: entry.name as string,
    consumerKey: entry.consumerKey as string,
    ...proof,
    instanceUrl: stripTrailingSlash(entry.instanceUrl as string),
    apiBaseUrl: optionalUrl(entry.apiBaseUrl),
    nativeApiBaseUrl: optionalUrl(entry.nativeApiBaseUrl),
    weight: (entry.weight as number | undefined) ?? 1,
    models: (entry.models as string[] | undefined) ?? null,
  };
}

function optionalUrl(value: unknown): string | undefined {
  return typeof value === 'string' ? stripTrailingSlash(value) : undefined;
}

function isOrgName(value: unknown): value is string {
  return typeof value === 'string' && namePattern.test(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
