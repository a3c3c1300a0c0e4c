import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from './axe-violations.ts';
import { type ConsoleGateway, startConsoleGateway } from './console-gateway.ts';
import { type ConsoleSession, itEndedCleanly, openConsoleSession, signIn } from './console-session.ts';
import { launchChromium } from './launch-chromium.ts';
import { saveScreenshot } from './save-screenshot.ts';

const navigationLinks = ['Overview', 'Requests', 'Models', 'Playground'];

/** The focused element as "TAG id-or-text", e.g. "H1 Overview". */
function focusedElement(page: Page): Promise<string> {
  return page.evaluate<string>(
    "[document.activeElement?.tagName, document.activeElement?.id || document.activeElement?.textContent].join(' ')",
  );
}

describe('the console in a browser: serving and signing in', () => {
  let gateway: ConsoleGateway;
  let browser: Browser;
  let session: ConsoleSession;

  beforeAll(async () => {
    [gateway, browser] = await Promise.all([startConsoleGateway(), launchChromium()]);
    session = await openConsoleSession(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
  });

  it('answers /ui with a strict Content-Security-Policy and serves its hashed assets as immutable', async () => {
    const page = await fetch(`${gateway.url}/ui`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/(default|script)-src/);
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    // nothing beyond the gateway itself: no wildcard, no scheme-wide or remote source
    expect(policy).not.toMatch(/\*|https?:/);
    expect(page.headers.get('cache-control') ?? '').not.toContain('immutable');
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map(
      (match) => match[1] as string,
    );
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const answer = await fetch(new URL(asset, page.url));
      expect(answer.status, asset).toBe(200);
      expect(answer.headers.get('cache-control'), asset).toMatch(/immutable/);
      expect(answer.headers.get('cache-control'), asset).toMatch(/max-age=[1-9]/);
      // read whole: an unread bundle keeps its answer in flight, and closing the gateway waits for it
      expect((await answer.arrayBuffer()).byteLength, asset).toBeGreaterThan(0);
    }
  });

  it('shows a sign-in form with no serious accessibility violations', async () => {
    await session.page.goto(`${gateway.url}/ui`);
    await session.page.getByLabel('API key').waitFor();
    await session.page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await focusedElement(session.page)).toBe('INPUT api-key');
    await saveScreenshot(session.page, 'sign-in');
    expect(await seriousAxeViolations(session.page)).toEqual([]);
  });

  it('refuses a wrong key with an alert', async () => {
    await signIn(session.page, gateway.url, randomBytes(24).toString('hex'));
    await session.page.getByRole('alert').waitFor();
    expect(await session.page.getByRole('navigation').count()).toBe(0);
  });

  it('refuses a valid key that is not an admin key, saying an admin key is needed', async () => {
    await signIn(session.page, gateway.url, gateway.plainKey);
    const alert = session.page.getByRole('alert').filter({ hasText: /admin key/i });
    await alert.waitFor();
    expect(await session.page.getByRole('navigation').count()).toBe(0);
    expect(
      await session.page.evaluate<string>('JSON.stringify(Object.values(sessionStorage))'),
    ).not.toContain(gateway.plainKey);
  });

  it('lets the admin key in and keeps it in this tab only: sessionStorage, no localStorage, no cookie', async () => {
    const { page, context } = session;
    await signIn(page, gateway.url, gateway.adminKey);
    const navigation = page.getByRole('navigation');
    for (const name of navigationLinks) await navigation.getByRole('link', { name }).waitFor();
    // focus lands on the page's heading after sign-in and after each move in the navigation
    await expect.poll(() => focusedElement(page)).toBe('H1 Overview');
    for (const name of navigationLinks.slice(1)) {
      await navigation.getByRole('link', { name }).press('Enter');
      await expect.poll(() => focusedElement(page)).toBe(`H1 ${name}`);
      expect(await page.title()).toBe(`${name} · sf-models-gateway console`);
    }
    await navigation.getByRole('link', { name: 'Overview' }).click();
    expect(await page.evaluate<string>('JSON.stringify(Object.values(sessionStorage))')).toContain(
      gateway.adminKey,
    );
    expect(await page.evaluate<number>('localStorage.length')).toBe(0);
    expect(await page.evaluate<string>('document.cookie')).toBe('');
    expect(await context.cookies()).toEqual([]);
    // a reload keeps the tab signed in; another tab starts at the sign-in form
    await page.reload();
    await navigation.getByRole('link', { name: 'Overview' }).waitFor();
    const otherTab = await context.newPage();
    await otherTab.goto(`${gateway.url}/ui`);
    await otherTab.getByLabel('API key').waitFor();
    await otherTab.close();
  });

  itEndedCleanly(() => session);
});
