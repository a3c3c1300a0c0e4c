import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// Runs in the page: axe's results cut down to what a failure message needs.
const runAxe = `axe.run(document).then((results) => results.violations
  .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
  .map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  })))`;

/** One serious or critical axe-core violation, with the selectors of the nodes that fail it. */
export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Runs axe-core on the page as it is and returns its serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // evaluated through the DevTools protocol, so the console's CSP does not stop it
  await page.evaluate(await axeSource);
  return page.evaluate<AxeViolation[]>(runAxe);
}
