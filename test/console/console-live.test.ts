import { randomUUID } from 'node:crypto';
import OpenAI from 'openai';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultClientSecret } from '../../src/simulator/simulator-settings.ts';
import { postChat } from '../support/post-chat.ts';
import { seriousAxeViolations } from './axe-violations.ts';
import { type ConsoleGateway, startConsoleGateway } from './console-gateway.ts';
import { type ConsoleSession, itEndedCleanly, openConsoleSession, signIn } from './console-session.ts';
import { launchChromium } from './launch-chromium.ts';
import { saveScreenshot } from './save-screenshot.ts';

const byTestId = (testId: string) => `[data-testid="${testId}"]`;

/** The first number a figure of the overview shows ("1,234" reads 1234), NaN when it shows none. */
async function readFigure(page: Page, testId: string): Promise<number> {
  // the rendered text, where the label, the value and the detail are separate lines
  const text = (await page.locator(byTestId(testId)).allInnerTexts()).join('\n');
  const number = /\d[\d,]*(?:\.\d+)?/.exec(text)?.[0];
  return number === undefined ? Number.NaN : Number(number.replaceAll(',', ''));
}

/** What a chart's uPlot canvas holds, as a PNG data URL. */
function chartPixels(page: Page, testId: string): Promise<string> {
  return page.evaluate<string>(`document.querySelector('${byTestId(testId)} .uplot canvas').toDataURL()`);
}

async function sendChats(gateway: ConsoleGateway, count: number): Promise<void> {
  const answers = await Promise.all(
    Array.from({ length: count }, (_, index) =>
      postChat(gateway.url, index % 2 === 0 ? 'openai' : 'anthropic', gateway.plainKey),
    ),
  );
  for (const answer of answers) {
    expect(answer.status).toBe(200);
    await answer.arrayBuffer();
  }
}

// how long a test waits for the page to show what the gateway did
const poll = { timeout: 10_000, interval: 200 };

describe('the console in a browser: overview, requests and models', () => {
  let gateway: ConsoleGateway;
  let browser: Browser;
  let session: ConsoleSession;
  let page: Page;
  // what the console's own API sent to the browser
  const apiAnswers: Promise<string>[] = [];

  beforeAll(async () => {
    [gateway, browser] = await Promise.all([
      startConsoleGateway({ CONSOLE_CAPTURE_BODIES: 'true' }),
      launchChromium(),
    ]);
    session = await openConsoleSession(browser);
    page = session.page;
    // bodies read once whole: a poll cut short by leaving the page never has one
    session.context.on('requestfinished', (request) => {
      if (!new URL(request.url()).pathname.startsWith('/ui/api/')) return;
      apiAnswers.push(request.response().then((response) => response?.text() ?? ''));
    });
    await signIn(page, gateway.url, gateway.adminKey);
    await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
  });

  it('moves its numbers and charts when requests are sent', async () => {
    await page.getByRole('link', { name: 'Overview' }).click();
    for (const chart of ['chart-requests', 'chart-latency']) {
      await page.locator(`${byTestId(chart)} .uplot canvas`).waitFor();
    }
    const totalBefore = await readFigure(page, 'stat-requests-total');
    expect(totalBefore).toBeGreaterThanOrEqual(0);
    const requestsChartBefore = await chartPixels(page, 'chart-requests');
    const latencyChartBefore = await chartPixels(page, 'chart-latency');
    await sendChats(gateway, 6);
    await expect
      .poll(() => readFigure(page, 'stat-requests-total'), poll)
      .toBeGreaterThanOrEqual(totalBefore + 6);
    await expect.poll(() => readFigure(page, 'stat-requests-per-second'), poll).toBeGreaterThan(0);
    await expect.poll(() => chartPixels(page, 'chart-requests'), poll).not.toBe(requestsChartBefore);
    await expect.poll(() => chartPixels(page, 'chart-latency'), poll).not.toBe(latencyChartBefore);
  });

  it('asks the gateway for the live figures at least every 2 s', async () => {
    const overviewPolls = () =>
      session.requestedUrls.filter((url) => new URL(url).pathname === '/ui/api/overview').length;
    const before = overviewPolls();
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(overviewPolls()).toBeGreaterThan(before);
  });

  it("counts the access token's expiry down live", async () => {
    const token = page.locator(byTestId('stat-token'));
    await expect.poll(() => token.textContent(), { timeout: 5_000 }).toMatch(/\d+s/);
    const shown = await token.textContent();
    await expect.poll(() => token.textContent(), { timeout: 2_000, interval: 100 }).not.toBe(shown);
  });

  it('fits both overview tables in their cards at 1280 px, with no horizontal scroll', async () => {
    // a real pool row, not the empty-table line: the origin is what makes the table wide
    await page
      .locator(`${byTestId('upstream-pools')} tbody tr:not(.empty)`)
      .first()
      .waitFor();
    const overflowing = await page.evaluate<string[]>(
      `[...document.querySelectorAll('.tables .table-scroll')]
        .filter((region) => region.scrollWidth > region.clientWidth)
        .map((region) => region.getAttribute('aria-label'))`,
    );
    expect(overflowing).toEqual([]);
  });

  it('shows no org table for the single org: its token and breaker have their tiles', async () => {
    await page.locator(byTestId('stat-token')).waitFor();
    expect(await page.locator(byTestId('org-pool')).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Orgs' }).count()).toBe(0);
  });

  it('shows the overview with no serious accessibility violations', async () => {
    await saveScreenshot(page, 'overview');
    // the figures change every second: none may sit in a live region a screen reader reads out each time
    const liveRegions = 'main [aria-live], main [role="status"], main [role="log"], main [role="timer"]';
    expect(await page.locator(liveRegions).count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('lists a request just made, and opens its detail with its bodies scrubbed of the key they held', async () => {
    const requestId = `console-test-${randomUUID()}`;
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: gateway.plainKey, maxRetries: 0 });
    // the key in the prompt comes back in the echoed answer too: both bodies must hide it
    const content = `Which request is this? My key is ${gateway.plainKey}`;
    await openai.chat.completions.create(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content }] },
      { headers: { 'x-request-id': requestId } },
    );
    await page.getByRole('link', { name: 'Requests' }).click();
    const row = page.locator(byTestId('request-row')).filter({ hasText: requestId });
    await row.waitFor({ timeout: 10_000 });
    const cells = await row.textContent();
    for (const shown of ['gpt-4o-mini', '200', 'app', '/v1/chat/completions']) expect(cells).toContain(shown);
    await saveScreenshot(page, 'requests');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await row.click();
    const detail = page.locator(byTestId('request-detail'));
    await detail.filter({ hasText: requestId }).waitFor();
    await detail.filter({ hasText: 'Simulated reply to: Which request is this?' }).waitFor();
    expect(await detail.textContent()).toContain('Which request is this? My key is');
    expect(await detail.textContent()).not.toContain(gateway.plainKey);
    await saveScreenshot(page, 'request-detail');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('filters the requests by protocol and to errors only', async () => {
    const failedId = `console-error-${randomUUID()}`;
    const refused = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${gateway.plainKey}`,
        'content-type': 'application/json',
        'x-request-id': failedId,
      },
      body: JSON.stringify({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    await refused.arrayBuffer();
    await page.getByRole('link', { name: 'Requests' }).click();
    const rows = page.locator(byTestId('request-row'));
    const shownRows = () => rows.allInnerTexts();
    await rows.filter({ hasText: failedId }).waitFor({ timeout: 10_000 });
    await page.getByLabel('Protocol').selectOption('Anthropic');
    await expect
      .poll(async () => (await shownRows()).filter((row) => !row.includes('anthropic')), poll)
      .toEqual([]);
    expect((await shownRows()).length).toBeGreaterThan(0);
    await page.getByLabel('Protocol').selectOption('All');
    await page.getByLabel('Status').selectOption('Errors');
    await expect.poll(async () => (await shownRows()).length, poll).toBe(1);
    expect((await shownRows())[0]).toContain(failedId);
    await page.getByLabel('Status').selectOption('All');
  });

  it('shows every model of the catalog', async () => {
    const listing = await fetch(`${gateway.url}/v1/models`, {
      headers: { authorization: `Bearer ${gateway.plainKey}` },
    });
    const { data } = (await listing.json()) as { data: { id: string }[] };
    expect(data.length).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Models' }).click();
    await page.getByText('gpt-4o-mini', { exact: true }).first().waitFor();
    const shown = (await page.locator('main').textContent()) ?? '';
    expect(data.map((model) => model.id).filter((id) => !shown.includes(id))).toEqual([]);
    await saveScreenshot(page, 'models');
  });

  it('shows the models with no serious accessibility violations', async () => {
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('sent the browser no secret: no other key, no consumer secret, no access token', async () => {
    const answers = await Promise.all(apiAnswers);
    expect(answers.length).toBeGreaterThan(0);
    const jwt = /eyJ[\w-]+\.eyJ[\w-]+\./;
    const leaks = answers.filter(
      (answer) =>
        answer.includes(gateway.plainKey) || answer.includes(defaultClientSecret) || jwt.test(answer),
    );
    expect(leaks).toEqual([]);
  });

  itEndedCleanly(() => session);
});
