import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { isLoopbackHost } from '../../src/config/build-access-config.ts';

/** A fresh browser context on the console, with every URL it requested or tried to. */
export interface ConsoleSession {
  context: BrowserContext;
  page: Page;
  /** Every URL the pages asked for, in order, including those stopped before leaving. */
  requestedUrls: string[];
  /** Uncaught script errors and Content-Security-Policy violations the pages reported. */
  pageProblems: string[];
  close(): Promise<void>;
}

// Schemes a page may use without a network request.
const localSchemes = new Set(['data:', 'blob:', 'about:']);

/** True when the URL stays on this machine: a loopback http(s) host, or no network at all. */
export function staysOnLoopback(url: string): boolean {
  const parsed = new URL(url);
  if (localSchemes.has(parsed.protocol)) return true;
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && isLoopbackHost(parsed.hostname);
}

/** Opens a new context and page; requests beyond loopback are recorded and aborted, never sent. */
export async function openConsoleSession(browser: Browser): Promise<ConsoleSession> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  // a console that never shows what a test waits for fails in seconds, not at the test's timeout
  context.setDefaultTimeout(5_000);
  const requestedUrls: string[] = [];
  context.on('request', (request) => requestedUrls.push(request.url()));
  await context.route('**/*', (route) => {
    return staysOnLoopback(route.request().url()) ? route.continue() : route.abort('blockedbyclient');
  });
  const pageProblems: string[] = [];
  const page = await context.newPage();
  page.on('pageerror', (error) => pageProblems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) pageProblems.push(message.text());
  });
  return { context, page, requestedUrls, pageProblems, close: () => context.close() };
}

/** Ends a file's browser session with its checks: nothing beyond loopback, no script error, no CSP violation. */
export function itEndedCleanly(session: () => ConsoleSession): void {
  it('made no request beyond loopback', () => {
    const { requestedUrls } = session();
    expect(requestedUrls.length).toBeGreaterThan(0);
    expect(requestedUrls.filter((url) => !staysOnLoopback(url))).toEqual([]);
  });
  it('raised no script error and broke no Content-Security-Policy rule', () => {
    expect(session().pageProblems).toEqual([]);
  });
}

/** Signs in on the console's sign-in screen with an API key. */
export async function signIn(page: Page, gatewayUrl: string, apiKey: string): Promise<void> {
  await page.goto(`${gatewayUrl}/ui`);
  await page.getByLabel('API key').fill(apiKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
