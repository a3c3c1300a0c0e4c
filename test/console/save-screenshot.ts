import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** Where the test run leaves its screenshots of the console (ignored by git). */
export const screenshotDirectory = fileURLToPath(new URL('../../test-artifacts/console/', import.meta.url));

// Tall enough for the playground's whole exchange, short enough that a long catalog stays readable.
const maximumHeight = 2000;

/** Saves a PNG of the page from its top, at most maximumHeight pixels, as test-artifacts/console/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDirectory, { recursive: true });
  const width = page.viewportSize()?.width ?? 1280;
  const height = Math.min(
    await page.evaluate<number>('document.documentElement.scrollHeight'),
    maximumHeight,
  );
  await page.screenshot({
    path: path.join(screenshotDirectory, `${name}.png`),
    fullPage: true,
    clip: { x: 0, y: 0, width, height },
  });
}
