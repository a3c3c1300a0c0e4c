import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** Where the test run leaves its screenshots of the console (ignored by git). */
export const screenshotDirectory = fileURLToPath(new URL('../../test-artifacts/console/', import.meta.url));

/** Saves a full-page PNG of the page as test-artifacts/console/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDirectory, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDirectory, `${name}.png`), fullPage: true });
}
