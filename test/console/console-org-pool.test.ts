import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/simulator.ts';
import { buildOrgsSetting, type PoolOrg, startOrgSimulators } from '../support/org-pool-stack.ts';
import { postChat } from '../support/post-chat.ts';
import { seriousAxeViolations } from './axe-violations.ts';
import { type ConsoleGateway, startConsoleGateway } from './console-gateway.ts';
import { type ConsoleSession, itEndedCleanly, openConsoleSession, signIn } from './console-session.ts';
import { launchChromium } from './launch-chromium.ts';
import { saveScreenshot } from './save-screenshot.ts';

// The upstream name of gpt-4o-mini: the only model the "us" org serves.
const miniUpstreamModel = 'sfdc_ai__DefaultGPT4OmniMini';

const orgs: PoolOrg[] = [
  { name: 'emea', weight: 3 },
  { name: 'us', models: [miniUpstreamModel] },
];

/** The cells of one org's row, by column heading. */
async function readOrgRow(page: Page, org: string): Promise<Record<string, string>> {
  const table = page.locator('[data-testid="org-pool"]');
  const headings = await table.locator('thead th').allInnerTexts();
  const cells = await table
    .locator('tbody tr')
    .filter({ has: page.getByRole('cell', { name: org, exact: true }) })
    .first()
    .locator('td')
    .allInnerTexts();
  return Object.fromEntries(headings.map((heading, index) => [heading.toLowerCase(), cells[index] ?? '']));
}

async function sendChats(gateway: ConsoleGateway, count: number): Promise<void> {
  for (let index = 0; index < count; index++) {
    const answer = await postChat(gateway.url, 'openai', gateway.plainKey);
    expect(answer.status).toBe(200);
    await answer.arrayBuffer();
  }
}

const poll = { timeout: 10_000, interval: 200 };

describe('the console in a browser: a pool of two orgs', () => {
  let simulators: Record<string, Simulator>;
  let gateway: ConsoleGateway;
  let browser: Browser;
  let session: ConsoleSession;
  let page: Page;
  const apiAnswers: Promise<string>[] = [];

  beforeAll(async () => {
    [simulators, browser] = await Promise.all([startOrgSimulators(orgs), launchChromium()]);
    gateway = await startConsoleGateway({
      SALESFORCE_ORGS: buildOrgsSetting(orgs, simulators),
      ORG_COOLDOWN_SECONDS: '300',
    });
    session = await openConsoleSession(browser);
    page = session.page;
    session.context.on('requestfinished', (request) => {
      if (!new URL(request.url()).pathname.startsWith('/ui/api/')) return;
      apiAnswers.push(request.response().then((response) => response?.text() ?? ''));
    });
    await signIn(page, gateway.url, gateway.adminKey);
    await page.locator('[data-testid="stat-requests-total"]').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await Promise.all(Object.values(simulators ?? {}).map((simulator) => simulator.close()));
  });

  it('lists both orgs under an "Orgs" heading, with their weights, models and the requests they took', async () => {
    await sendChats(gateway, 8);
    await page.getByRole('heading', { name: 'Orgs' }).waitFor();
    const table = page.getByRole('table', { name: 'Orgs' });
    await expect.poll(() => table.locator('tbody tr').count(), poll).toBe(2);
    // sequential calls split exactly by weight (smooth weighted round-robin)
    await expect.poll(async () => (await readOrgRow(page, 'emea')).requests, poll).toBe('6');
    expect(await readOrgRow(page, 'emea')).toMatchObject({ weight: '3', models: 'all', cooldown: '—' });
    expect(await readOrgRow(page, 'us')).toMatchObject({
      weight: '1',
      models: miniUpstreamModel,
      requests: '2',
      '429s': '0',
      cooldown: '—',
    });
    // the token and breaker tiles describe the first org, and say so
    expect(await page.locator('[data-testid="stat-token"]').textContent()).toContain('Access token (emea)');
    expect(await page.locator('[data-testid="stat-circuit"]').textContent()).toContain(
      'Circuit breaker (emea)',
    );
    for (const org of ['emea', 'us']) {
      const row = await readOrgRow(page, org);
      expect(row.token).toBe('valid');
      expect(row.breaker).toBe('closed');
    }
  });

  it('counts an org that answers 429 and counts its cooldown down live', async () => {
    simulators.emea?.setRateLimit('chat-generations', { limit: 0, windowMs: 600_000 });
    // emea has three of every four sequential calls: the next one or two go to it
    await sendChats(gateway, 4);
    await expect.poll(async () => Number((await readOrgRow(page, 'emea'))['429s']), poll).toBeGreaterThan(0);
    const countdown = page.locator('[data-testid="org-pool"] [data-testid="org-cooldown-ends-in"]');
    await expect.poll(() => countdown.count(), poll).toBe(1);
    expect((await readOrgRow(page, 'emea')).cooldown).toMatch(/^rate limited, ends in \d+m \d\ds$/);
    const shown = await countdown.textContent();
    await expect.poll(() => countdown.textContent(), { timeout: 2_500, interval: 100 }).not.toBe(shown);
  });

  it('shows the pool with no serious accessibility violations and no live region', async () => {
    await saveScreenshot(page, 'overview-org-pool');
    const liveRegions = 'main [aria-live], main [role="status"], main [role="log"], main [role="timer"]';
    expect(await page.locator(liveRegions).count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('sent the browser no org credential', async () => {
    const answers = await Promise.all(apiAnswers);
    expect(answers.some((answer) => answer.includes('"orgs":[{'))).toBe(true);
    const credentials = Object.values(simulators).flatMap((simulator) => [
      simulator.clientId,
      simulator.clientSecret,
    ]);
    const leaks = answers.filter((answer) => credentials.some((credential) => answer.includes(credential)));
    expect(leaks).toEqual([]);
  });

  itEndedCleanly(() => session);
});
