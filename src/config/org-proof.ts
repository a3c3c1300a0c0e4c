// How the gateway proves to an org that it is the External Client App: the client credentials
// flow (the consumer secret) or the JWT bearer flow (an RSA private key and the user the tokens act
// for). One org uses exactly one. The same rules serve the single org's SALESFORCE_* settings and
// each entry of SALESFORCE_ORGS, so every message names the field as the operator wrote it.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync, type Stats, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { httpUrl } from './setting-types.ts';
import { stripTrailingSlash } from './strip-trailing-slash.ts';

/** The JWT bearer flow's settings: what the gateway signs with and asserts, beside the consumer key. */
export interface JwtBearerSettings {
  /** The Salesforce username the tokens act for; the app must be pre-authorized for this user. */
  username: string;
  /** The RSA private key whose certificate is uploaded to the app, in PEM form. */
  privateKeyPem: string;
  /** The login server the assertion is for: https://login.salesforce.com, https://test.salesforce.com or a site URL. */
  audience: string;
}

/** One org's proof: the consumer secret, or the JWT bearer settings. */
export type OrgProof =
  | { consumerSecret: string; jwtBearer?: undefined }
  | { consumerSecret?: undefined; jwtBearer: JwtBearerSettings };

/** The proof's fields as they were given, before any check. */
export interface OrgProofFields {
  consumerSecret: unknown;
  username: unknown;
  privateKey: unknown;
  privateKeyFile: unknown;
  audience: unknown;
}

/** What each field is called where it was written (a setting name, or an org entry's key). */
export type OrgProofNames = Readonly<Record<keyof OrgProofFields, string>>;

/** The single org's settings. */
export const singleOrgProofNames: OrgProofNames = {
  consumerSecret: 'SALESFORCE_CONSUMER_SECRET',
  username: 'SALESFORCE_USERNAME',
  privateKey: 'SALESFORCE_PRIVATE_KEY',
  privateKeyFile: 'SALESFORCE_PRIVATE_KEY_FILE',
  audience: 'SALESFORCE_JWT_AUDIENCE',
};

const jwtBearerFields = ['username', 'privateKey', 'privateKeyFile', 'audience'] as const;

/** True when any field of either flow is given. */
export function hasAnyProofField(fields: OrgProofFields): boolean {
  return fields.consumerSecret !== undefined || jwtBearerFields.some((field) => fields[field] !== undefined);
}

/**
 * The proof the fields describe. Throws an Error whose message names the fields and the fix and
 * never shows a value; a key file is read here, once, when the configuration is loaded.
 */
export function readOrgProof(fields: OrgProofFields, names: OrgProofNames, instanceUrl: string): OrgProof {
  const jwtField = jwtBearerFields.find((field) => fields[field] !== undefined);
  if (fields.consumerSecret !== undefined) {
    if (jwtField !== undefined) {
      throw new Error(
        `${names.consumerSecret} and ${names[jwtField]} are both set; use one flow: ${names.consumerSecret} for client credentials, or ${names.privateKey} (or ${names.privateKeyFile}) with ${names.username} for the JWT bearer flow`,
      );
    }
    return { consumerSecret: requireText(fields.consumerSecret, names.consumerSecret) };
  }
  if (jwtField === undefined) {
    throw new Error(
      `needs ${names.consumerSecret} (client credentials flow), or ${names.privateKey} (or ${names.privateKeyFile}) with ${names.username} (JWT bearer flow)`,
    );
  }
  return { jwtBearer: readJwtBearer(fields, names, instanceUrl) };
}

function readJwtBearer(fields: OrgProofFields, names: OrgProofNames, instanceUrl: string): JwtBearerSettings {
  if (fields.privateKey !== undefined && fields.privateKeyFile !== undefined) {
    throw new Error(`${names.privateKey} and ${names.privateKeyFile} are both set; set one of them`);
  }
  if (fields.privateKey === undefined && fields.privateKeyFile === undefined) {
    throw new Error(
      `${names.username} asks for the JWT bearer flow, which signs with the app's private key: set ${names.privateKey} or ${names.privateKeyFile}`,
    );
  }
  if (fields.username === undefined) {
    throw new Error(
      `the JWT bearer flow needs ${names.username}, the Salesforce user the tokens act for (pre-authorized for the app)`,
    );
  }
  const privateKeyPem =
    fields.privateKey !== undefined
      ? unescapeNewlines(requireText(fields.privateKey, names.privateKey))
      : readKeyFile(requireText(fields.privateKeyFile, names.privateKeyFile), names.privateKeyFile);
  checkRsaPrivateKey(
    privateKeyPem,
    fields.privateKey !== undefined ? names.privateKey : names.privateKeyFile,
  );
  return {
    username: requireText(fields.username, names.username),
    privateKeyPem,
    audience: readAudience(fields.audience, names.audience, instanceUrl),
  };
}

/** The login server a sandbox's My Domain answers to is test.salesforce.com; every other org's, login. */
export function defaultJwtAudience(instanceUrl: string): string {
  const host = URL.canParse(instanceUrl) ? new URL(instanceUrl).hostname : '';
  return host.endsWith('.sandbox.my.salesforce.com')
    ? 'https://test.salesforce.com'
    : 'https://login.salesforce.com';
}

function readAudience(value: unknown, name: string, instanceUrl: string): string {
  if (value === undefined) return defaultJwtAudience(instanceUrl);
  if (!httpUrl.safeParse(value).success) {
    throw new Error(`${name} must be the login server's URL, such as https://login.salesforce.com`);
  }
  return stripTrailingSlash(value as string);
}

function requireText(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new Error(`${name} must be a non-empty string`);
  return value;
}

// A PEM pasted into an environment variable or a JSON string often arrives with its line breaks
// written as the two characters \n.
function unescapeNewlines(pem: string): string {
  return pem.includes('\n') ? pem : pem.replaceAll('\\n', '\n');
}

// An RSA key in PEM form is a few kilobytes; anything far larger (a device, a wrong file) is not one.
const maxKeyFileBytes = 64 * 1024;

// Relative to the working directory; ~/ is the home directory, as a shell would read it.
function readKeyFile(file: string, name: string): string {
  const resolved =
    file === '~' || file.startsWith('~/') ? path.join(homedir(), file.slice(1)) : path.resolve(file);
  const unreadable = (error: unknown) =>
    new Error(
      `${name} names ${resolved}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
    );
  let stats: Stats;
  try {
    stats = statSync(resolved);
  } catch (error) {
    throw unreadable(error);
  }
  if (!stats.isFile() || stats.size > maxKeyFileBytes) {
    throw new Error(
      `${name} names ${resolved}, which is not a PEM key file (a regular file of at most 64 KB)`,
    );
  }
  try {
    return readFileSync(resolved, 'utf8');
  } catch (error) {
    throw unreadable(error);
  }
}

function checkRsaPrivateKey(pem: string, name: string): void {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new Error(
      `${name} is not an unencrypted private key in PEM form (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)`,
    );
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new Error(`${name} is not an RSA key; the JWT bearer flow signs with RS256, which needs one`);
  }
}
