import { describe, expect, it } from 'vitest';
import { readOrgList } from './org-list.ts';

const problemOf = (value: unknown) => {
  const read = readOrgList(value);
  return typeof read === 'string' ? read : undefined;
};

const secret = 'eu-consumer-secret-never-shown';
const europe = {
  name: 'eu',
  consumerKey: 'eu-key',
  consumerSecret: secret,
  instanceUrl: 'https://eu.my.salesforce.com',
};
const america = {
  name: 'us',
  consumerKey: 'us-key',
  consumerSecret: 'us-consumer-secret',
  instanceUrl: 'https://us.my.salesforce.com',
};

describe('readOrgList', () => {
  it.each([
    [
      'a missing consumer secret',
      { ...europe, consumerSecret: undefined },
      '[1] ("eu") needs consumerSecret (client credentials flow), or privateKey (or privateKeyFile) with username (JWT bearer flow)',
    ],
    [
      'a secret beside a key for the JWT bearer flow',
      { ...europe, username: 'gw@eu.example' },
      '[1] ("eu") consumerSecret and username are both set; use one flow: consumerSecret for client credentials, or privateKey (or privateKeyFile) with username for the JWT bearer flow',
    ],
    [
      'a username without a key',
      { ...europe, consumerSecret: undefined, username: 'gw@eu.example' },
      '[1] ("eu") username asks for the JWT bearer flow, which signs with the app\'s private key: set privateKey or privateKeyFile',
    ],
    [
      'an empty consumer key',
      { ...europe, consumerKey: '' },
      '[1] ("eu") consumerKey must be a non-empty string',
    ],
    [
      'a number as consumer secret',
      { ...europe, consumerSecret: 42 },
      '[1] ("eu") consumerSecret must be a non-empty string',
    ],
    [
      'an instance URL without scheme',
      { ...europe, instanceUrl: 'eu.my.salesforce.com' },
      '[1] ("eu") instanceUrl must be an http(s) URL such as https://mycompany.my.salesforce.com',
    ],
    [
      'a missing instance URL',
      { ...europe, instanceUrl: undefined },
      '[1] ("eu") instanceUrl must be an http(s) URL such as https://mycompany.my.salesforce.com',
    ],
    [
      'an ftp API base',
      { ...europe, apiBaseUrl: 'ftp://eu.example.com' },
      '[1] ("eu") apiBaseUrl must be an http(s) URL such as https://mycompany.my.salesforce.com',
    ],
    [
      'a bad native API base',
      { ...europe, nativeApiBaseUrl: 'not a url' },
      '[1] ("eu") nativeApiBaseUrl must be an http(s) URL such as https://mycompany.my.salesforce.com',
    ],
    [
      'a zero weight',
      { ...europe, weight: 0 },
      '[1] ("eu") weight must be a positive number (its share of the traffic; 1 when left out)',
    ],
    [
      'a weight as text',
      { ...europe, weight: '2' },
      '[1] ("eu") weight must be a positive number (its share of the traffic; 1 when left out)',
    ],
    [
      'an empty model list',
      { ...europe, models: [] },
      '[1] ("eu") models must be a non-empty array of model names (public names or Salesforce API names), or left out for every model',
    ],
    [
      'an empty model name',
      { ...europe, models: ['gpt-4.1', ''] },
      '[1] ("eu") models must be a non-empty array of model names (public names or Salesforce API names), or left out for every model',
    ],
    [
      'models as text',
      { ...europe, models: 'gpt-4.1' },
      '[1] ("eu") models must be a non-empty array of model names (public names or Salesforce API names), or left out for every model',
    ],
    [
      'an unknown key',
      { ...europe, secret: 'x' },
      '[1] ("eu") has unknown key "secret"; allowed: name, consumerKey, consumerSecret, username, privateKey, privateKeyFile, jwtAudience, instanceUrl, apiBaseUrl, nativeApiBaseUrl, weight, models',
    ],
    [
      'a missing name',
      { ...europe, name: undefined },
      '[1] name must be 1-40 letters, digits, dashes or underscores',
    ],
    [
      'a name with a space',
      { ...europe, name: 'eu west' },
      '[1] name must be 1-40 letters, digits, dashes or underscores',
    ],
    [
      'a name of 41 characters',
      { ...europe, name: 'e'.repeat(41) },
      '[1] name must be 1-40 letters, digits, dashes or underscores',
    ],
    [
      'the first org name again in other case',
      { ...europe, name: 'US' },
      '[1] ("US") name is already the name of SALESFORCE_ORGS[0]; names must be unique, ignoring case',
    ],
    [
      'a list instead of an org',
      [europe],
      '[1] must be an object with name, consumerKey, instanceUrl and consumerSecret (or privateKey and username)',
    ],
  ])('refuses %s, naming the org and the field but never the secret', (_, second, expected) => {
    const problem = problemOf([america, second]);
    expect(problem).toBe(expected);
    expect(problem).not.toContain(secret);
  });

  it('accepts a name of 40 letters, digits, dashes and underscores, and orgs that differ in name', () => {
    expect(problemOf([america, { ...europe, name: `Eu_west-1${'x'.repeat(31)}` }])).toBeUndefined();
  });

  it('names the first bad org of several', () => {
    expect(
      problemOf([
        { ...america, weight: -1 },
        { ...europe, weight: -1 },
      ]),
    ).toBe('[0] ("us") weight must be a positive number (its share of the traffic; 1 when left out)');
  });
});
