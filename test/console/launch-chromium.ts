import { access } from 'node:fs/promises';
import { type Browser, chromium } from 'playwright-core';

/** Where Debian's chromium lives; CHROMIUM_PATH points elsewhere. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches headless Chromium for one test file; a missing browser fails with what to install. */
export async function launchChromium(): Promise<Browser> {
  await access(chromiumPath).catch(() => {
    throw new Error(
      `no Chromium at ${chromiumPath}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  });
  // the tests run as root here, where Chromium's sandbox cannot start
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
