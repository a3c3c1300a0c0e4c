import { afterAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/simulator.ts';
import { createSimulatorClient, readJson } from '../../src/simulator/simulator-client.ts';
import { buildOrgsSetting, defaultPoolOrgs, startOrgSimulators } from './org-pool-stack.ts';

const orgs = [{ name: 'eu', weight: 3, models: ['sfdc_ai__DefaultGPT41'] }, { name: 'us' }];
const simulators = await startOrgSimulators(orgs, { requireAppHeaders: false });
afterAll(() => Promise.all(Object.values(simulators).map((simulator) => simulator.close())));

function simulatorOf(name: string): Simulator {
  const simulator = simulators[name];
  if (simulator === undefined) throw new Error(`no simulator for ${name}`);
  return simulator;
}

function requestToken(simulator: Simulator, credentials: Simulator): Promise<Response> {
  const form = {
    grant_type: 'client_credentials',
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
  };
  return fetch(simulator.tokenUrl, { method: 'POST', body: new URLSearchParams(form) });
}

describe('startOrgSimulators', () => {
  it('starts one simulator per org, each on its own port with its own credentials', () => {
    const [eu, us] = [simulatorOf('eu'), simulatorOf('us')];
    expect([eu.clientId, eu.clientSecret, us.clientId, us.clientSecret]).toEqual([
      'eu-key',
      'eu-secret',
      'us-key',
      'us-secret',
    ]);
    expect(eu.port).not.toBe(us.port);
  });

  it('lets each simulator accept only its own org credentials', async () => {
    const [eu, us] = [simulatorOf('eu'), simulatorOf('us')];
    expect((await requestToken(eu, eu)).status).toBe(200);
    expect((await readJson(await requestToken(eu, us))).error).toBe('invalid_client_id');
  });

  it('passes the shared options to every simulator', async () => {
    const withoutAppHeaders = { 'x-sfdc-app-context': undefined, 'x-client-feature-id': undefined };
    for (const name of ['eu', 'us']) {
      const response = await createSimulatorClient(simulatorOf(name)).post(
        '/models/sfdc_ai__DefaultGPT41/chat-generations',
        { headers: withoutAppHeaders, body: { messages: [{ role: 'user', content: 'hi' }] } },
      );
      expect(response.status).toBe(200);
    }
  });
});

describe('buildOrgsSetting', () => {
  it('points each org at its simulator, with a default weight and models only when given', () => {
    expect(JSON.parse(buildOrgsSetting(orgs, simulators))).toEqual([
      {
        name: 'eu',
        consumerKey: 'eu-key',
        consumerSecret: 'eu-secret',
        instanceUrl: simulatorOf('eu').url,
        weight: 3,
        models: ['sfdc_ai__DefaultGPT41'],
      },
      {
        name: 'us',
        consumerKey: 'us-key',
        consumerSecret: 'us-secret',
        instanceUrl: simulatorOf('us').url,
        weight: 1,
      },
    ]);
  });

  it('refuses an org without a simulator', () => {
    expect(() => buildOrgsSetting(defaultPoolOrgs, simulators)).toThrow('no simulator for the org org-a');
  });
});
