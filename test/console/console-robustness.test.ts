import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleGateway, startConsoleGateway } from './console-gateway.ts';
import { type ConsoleSession, itEndedCleanly, openConsoleSession, signIn } from './console-session.ts';
import { launchChromium } from './launch-chromium.ts';

// Runs in the page: makes it look hidden (or shown again) the way a background tab does.
const setHidden = (
  hidden: boolean,
) => `Object.defineProperty(document, 'hidden', { value: ${hidden}, configurable: true });
document.dispatchEvent(new Event('visibilitychange'));`;

const overviewPath = '/ui/api/overview';
const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

describe('the console in a browser: hidden tabs, broken answers and a revoked key', () => {
  let gateway: ConsoleGateway;
  let browser: Browser;
  let session: ConsoleSession;
  let page: Page;
  const consoleCalls = () =>
    session.requestedUrls.filter((url) => new URL(url).pathname.startsWith('/ui/api/')).length;
  const overviewPolls = () =>
    session.requestedUrls.filter((url) => new URL(url).pathname === overviewPath).length;

  beforeAll(async () => {
    [gateway, browser] = await Promise.all([startConsoleGateway(), launchChromium()]);
    session = await openConsoleSession(browser);
    page = session.page;
    await signIn(page, gateway.url, gateway.adminKey);
    await page.locator('[data-testid="stat-requests-total"]').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
  });

  it('stops polling while the tab is hidden and starts again when it shows', async () => {
    await page.evaluate(setHidden(true));
    await pause(300); // a poll already under way may still land
    const whileHidden = overviewPolls();
    await pause(2_200);
    expect(overviewPolls()).toBe(whileHidden);
    await page.evaluate(setHidden(false));
    await expect.poll(overviewPolls, { timeout: 2_000 }).toBeGreaterThan(whileHidden);
  });

  it('shows an error, not a blank page, when an answer is not JSON', async () => {
    await page.route(`**${overviewPath}`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<html>a proxy page</html>' }),
    );
    await page
      .getByRole('alert')
      .filter({ hasText: /not JSON/ })
      .waitFor();
    await page.getByRole('navigation').waitFor();
    await page.unroute(`**${overviewPath}`);
  });

  it('shows an error, not a blank page, when an answer is JSON of an unexpected shape', async () => {
    await page.route(`**${overviewPath}`, (route) =>
      route.fulfill({ status: 200, json: { unexpected: true } }),
    );
    await page.getByRole('link', { name: 'Requests' }).click();
    await page.getByRole('link', { name: 'Overview' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /could not be shown/ })
      .waitFor();
    await page.getByRole('navigation').waitFor();
    await page.unroute(`**${overviewPath}`);
    // moving to another page and back draws the overview afresh
    await page.getByRole('link', { name: 'Models' }).click();
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.locator('[data-testid="stat-requests-total"]').waitFor();
  });

  it('goes back to the sign-in form when the key is refused mid-session', async () => {
    await page.route(`**${overviewPath}`, (route) =>
      route.fulfill({ status: 401, json: { error: { message: 'Invalid API key.' } } }),
    );
    await page.getByLabel('API key').waitFor();
    await page.getByText(/no longer accepts this key/).waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
    await page.unroute(`**${overviewPath}`);
  });

  it('asks the gateway nothing more once signed out', async () => {
    await signIn(page, gateway.url, gateway.adminKey);
    await page.locator('[data-testid="stat-requests-total"]').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    const afterSignOut = consoleCalls();
    await pause(2_200);
    expect(consoleCalls()).toBe(afterSignOut);
  });

  itEndedCleanly(() => session);
});
