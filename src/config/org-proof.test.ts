import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultJwtAudience, type OrgProofFields, readOrgProof, singleOrgProofNames } from './org-proof.ts';

const instanceUrl = 'https://acme.my.salesforce.com';
const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
}) as string;
const noFields: OrgProofFields = {
  consumerSecret: undefined,
  username: undefined,
  privateKey: undefined,
  privateKeyFile: undefined,
  audience: undefined,
};
const read = (fields: Partial<OrgProofFields>) =>
  readOrgProof({ ...noFields, ...fields }, singleOrgProofNames, instanceUrl);

let folder = '';
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'sfgw-org-proof-'));
});

describe('readOrgProof', () => {
  it('reads the consumer secret as the client credentials flow', () => {
    expect(read({ consumerSecret: 'secret' })).toEqual({ consumerSecret: 'secret' });
  });

  it('reads a private key and a username as the JWT bearer flow, for login.salesforce.com by default', () => {
    expect(read({ privateKey: rsaPem, username: 'gateway@acme.com' })).toEqual({
      jwtBearer: {
        username: 'gateway@acme.com',
        privateKeyPem: rsaPem,
        audience: 'https://login.salesforce.com',
      },
    });
  });

  it('reads the key from a file, once, when the config is loaded', async () => {
    const file = path.join(folder, 'server.key');
    await writeFile(file, rsaPem);
    expect(read({ privateKeyFile: file, username: 'gateway@acme.com' }).jwtBearer?.privateKeyPem).toBe(
      rsaPem,
    );
  });

  it('turns \\n written in an environment variable back into line breaks', () => {
    const escaped = rsaPem.trimEnd().replaceAll('\n', '\\n');
    expect(escaped).not.toContain('\n');
    expect(read({ privateKey: escaped, username: 'u@acme.com' }).jwtBearer?.privateKeyPem).toBe(
      rsaPem.trimEnd(),
    );
  });

  it('takes an explicit audience, and test.salesforce.com for a sandbox My Domain', () => {
    const proof = read({ privateKey: rsaPem, username: 'u@acme.com', audience: 'https://acme.my.site.com/' });
    expect(proof.jwtBearer?.audience).toBe('https://acme.my.site.com');
    expect(defaultJwtAudience('https://acme--uat.sandbox.my.salesforce.com')).toBe(
      'https://test.salesforce.com',
    );
    expect(defaultJwtAudience(instanceUrl)).toBe('https://login.salesforce.com');
  });

  it.each([
    [{}, 'needs SALESFORCE_CONSUMER_SECRET (client credentials flow), or SALESFORCE_PRIVATE_KEY'],
    [
      { consumerSecret: 'secret', username: 'u@acme.com' },
      'SALESFORCE_CONSUMER_SECRET and SALESFORCE_USERNAME are both set; use one flow',
    ],
    [{ username: 'u@acme.com' }, 'set SALESFORCE_PRIVATE_KEY or SALESFORCE_PRIVATE_KEY_FILE'],
    [{ privateKey: rsaPem }, 'the JWT bearer flow needs SALESFORCE_USERNAME'],
    [
      { privateKey: rsaPem, privateKeyFile: '/k.pem', username: 'u@acme.com' },
      'SALESFORCE_PRIVATE_KEY and SALESFORCE_PRIVATE_KEY_FILE are both set',
    ],
    [
      { privateKey: 'not a key', username: 'u@acme.com' },
      'SALESFORCE_PRIVATE_KEY is not an unencrypted private key',
    ],
    [{ privateKey: rsaPem, username: 'u@acme.com', audience: 'login' }, 'SALESFORCE_JWT_AUDIENCE must be'],
  ])('refuses %o, naming the settings and the fix', (fields, message) => {
    expect(() => read(fields)).toThrow(message);
  });

  it('refuses a key that is not RSA, and a file it cannot read, without showing the key', () => {
    const ecPem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    }) as string;
    expect(() => read({ privateKey: ecPem, username: 'u@acme.com' })).toThrow(/is not an RSA key/);
    const missing = path.join(folder, 'missing.key');
    expect(() => read({ privateKeyFile: missing, username: 'u@acme.com' })).toThrow(
      `SALESFORCE_PRIVATE_KEY_FILE names ${missing}, which cannot be read (ENOENT)`,
    );
    expect(() => read({ privateKeyFile: folder, username: 'u@acme.com' })).toThrow(
      `SALESFORCE_PRIVATE_KEY_FILE names ${folder}, which is not a PEM key file`,
    );
    expect(() => read({ privateKeyFile: '/dev/zero', username: 'u@acme.com' })).toThrow(
      /is not a PEM key file/,
    );
    let message = '';
    try {
      read({ privateKey: `${rsaPem.slice(0, 200)}broken`, username: 'u@acme.com' });
    } catch (error) {
      message = String(error);
    }
    expect(message).toContain('SALESFORCE_PRIVATE_KEY is not an unencrypted private key');
    expect(message).not.toContain(rsaPem.slice(40, 200));
  });
});
