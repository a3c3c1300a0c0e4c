import { describe, expect, it } from 'vitest';
import type { OrgStatus } from '../../providers/org-pool/org-pool-types.ts';
import type { ConsoleOrg } from './console-api-types.ts';
import { mapConsoleOrg } from './map-console-org.ts';

const expiresAt = Date.UTC(2026, 0, 2, 3, 4, 5);
const cooldownUntil = Date.UTC(2026, 0, 2, 3, 0, 30);

const coolingOrg: OrgStatus = {
  name: 'emea',
  weight: 3,
  models: ['sfdc_ai__GPT4o', 'sfdc_ai__Claude45Haiku'],
  inFlight: 2,
  requests: 140,
  failures: 4,
  rateLimited: 3,
  cooldown: { reason: 'rate_limit', until: cooldownUntil, remainingMs: 12_500 },
  token: {
    state: 'refresh-advised',
    expiresAt,
    obtainedAt: expiresAt - 7_200_000,
    ageMs: 6_000_000,
    lifetimeUsed: 0.83,
    fetches: 2,
    hits: 130,
    misses: 2,
    refreshing: false,
    lastError: 'the token endpoint answered 503',
    breaker: { state: 'closed', consecutiveFailures: 0, openedAt: null },
    apiBaseUrl: 'https://emea.example.my.salesforce.com',
  },
  circuit: { state: 'open', consecutiveFailures: 5, openedAt: cooldownUntil, openModels: ['sfdc_ai__GPT4o'] },
  nativeCircuit: { state: 'closed', consecutiveFailures: 0, openedAt: null },
};

describe('mapConsoleOrg', () => {
  it('keeps the figures, writes the times as ISO strings and lists the open models', () => {
    const expected: ConsoleOrg = {
      name: 'emea',
      weight: 3,
      models: ['sfdc_ai__GPT4o', 'sfdc_ai__Claude45Haiku'],
      inFlight: 2,
      requests: 140,
      failures: 4,
      rateLimited: 3,
      cooldown: { reason: 'rate_limit', until: '2026-01-02T03:00:30.000Z', remainingMs: 12_500 },
      token: {
        state: 'refresh-advised',
        expiresAt: '2026-01-02T03:04:05.000Z',
        lastError: 'the token endpoint answered 503',
      },
      circuit: { state: 'open', openModels: ['sfdc_ai__GPT4o'] },
      // a snapshot without openModels has none open
      nativeCircuit: { state: 'closed', openModels: [] },
    };
    expect(mapConsoleOrg(coolingOrg)).toEqual(expected);
  });

  it('says null for an org that serves every model, takes requests, holds no token and has no native surface', () => {
    const idle: OrgStatus = {
      ...coolingOrg,
      name: 'us',
      models: null,
      cooldown: null,
      token: { ...coolingOrg.token, state: 'empty', expiresAt: null, obtainedAt: null, lastError: null },
      nativeCircuit: null,
    };
    expect(mapConsoleOrg(idle)).toMatchObject({
      name: 'us',
      models: null,
      cooldown: null,
      token: { state: 'empty', expiresAt: null, lastError: null },
      nativeCircuit: null,
    });
  });

  it('passes on no credential, even from a status object that carries some', () => {
    // what a provider's richer status object might hold beside the OrgStatus fields
    const secrets = {
      consumerKey: '3MVG9consumer-key-of-emea',
      consumerSecret: 'consumer-secret-of-emea-8f3a',
      accessToken: '00Dxx0000000001!access-token-of-emea',
    };
    const carrying = {
      ...coolingOrg,
      ...secrets,
      token: { ...coolingOrg.token, accessToken: secrets.accessToken },
    } as OrgStatus;
    const shown = JSON.stringify(mapConsoleOrg(carrying));
    for (const secret of Object.values(secrets)) expect(shown).not.toContain(secret);
    expect(shown).not.toContain(coolingOrg.token.apiBaseUrl);
  });
});
