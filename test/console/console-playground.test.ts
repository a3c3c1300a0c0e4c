import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from './axe-violations.ts';
import { type ConsoleGateway, startConsoleGateway } from './console-gateway.ts';
import { type ConsoleSession, itEndedCleanly, openConsoleSession, signIn } from './console-session.ts';
import { launchChromium } from './launch-chromium.ts';
import { saveScreenshot } from './save-screenshot.ts';

const weatherTools = JSON.stringify([
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Current weather for a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  },
]);

const protocols = [
  {
    name: 'OpenAI',
    model: 'gpt-4o-mini',
    path: '/v1/chat/completions',
    events: ['chat.completion.chunk', '[DONE]'],
  },
  {
    name: 'Anthropic',
    model: 'claude-haiku-4-5',
    path: '/v1/messages',
    events: ['message_start', 'message_stop'],
  },
] as const;

type Protocol = (typeof protocols)[number];

// how long a test waits for the page to show what the gateway did
const poll = { timeout: 10_000, interval: 100 };

// Runs in the page: notes each new length of the answer's text while it is written.
const watchAnswer = `window.answerWatch?.disconnect();
window.answerLengths = [];
window.answerWatch = new MutationObserver(() => {
  const length = document.querySelector('[data-testid="playground-answer"]')?.textContent.length ?? 0;
  if (window.answerLengths.at(-1) !== length) window.answerLengths.push(length);
});
window.answerWatch.observe(document.body, { subtree: true, childList: true, characterData: true });`;

/** What the playground's form is filled with. */
interface PlaygroundForm {
  message: string;
  tools?: string;
  systemPrompt?: string;
  stream?: boolean;
}

/** Fills the playground's form and sends it (streamed unless told), watching the answer grow. */
async function sendFromPlayground(page: Page, protocol: Protocol, form: PlaygroundForm) {
  await page.getByLabel('Protocol').selectOption(protocol.name);
  await page.getByLabel('Model').selectOption(protocol.model);
  await page.getByLabel('Stream').setChecked(form.stream ?? true);
  await page.getByLabel('System prompt').fill(form.systemPrompt ?? '');
  await page.getByLabel('Message').fill(form.message);
  await page.getByLabel('Tools (JSON)').fill(form.tools ?? '');
  await page.evaluate(watchAnswer);
  await page.getByRole('button', { name: 'Send' }).click();
}

/** The rendered text of one element of the page. */
async function shownText(page: Page, testId: string): Promise<string> {
  return (await page.locator(`[data-testid="${testId}"]`).allInnerTexts()).join('\n');
}

/** Waits until the exchange on show is over: its section is no longer busy. */
async function answerFinished(page: Page): Promise<void> {
  const exchange = page.locator('[data-testid="playground-exchange"]');
  await expect.poll(() => exchange.getAttribute('aria-busy'), poll).toBe('false');
}

/** Holds the page's next request to `path` unanswered, as a slow stream would be; `failure` is
 * why the browser gave up on it. */
async function holdNextRequest(page: Page, path: string) {
  let arrived = false;
  await page.route(
    `**${path}`,
    () => {
      arrived = true;
    },
    { times: 1 },
  );
  const failure = page
    .waitForEvent('requestfailed', {
      predicate: (request) => request.url().endsWith(path),
      timeout: poll.timeout,
    })
    .then((request) => request.failure()?.errorText ?? '');
  return { arrived: () => arrived, failure };
}

/** How many times `part` occurs in `text`. */
const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('the console in a browser: the playground', () => {
  let gateway: ConsoleGateway;
  let browser: Browser;
  let session: ConsoleSession;
  let page: Page;

  beforeAll(async () => {
    [gateway, browser] = await Promise.all([startConsoleGateway(), launchChromium()]);
    session = await openConsoleSession(browser);
    page = session.page;
    await signIn(page, gateway.url, gateway.adminKey);
    await page.getByRole('navigation').getByRole('link', { name: 'Playground' }).click();
    await page.getByLabel('Message').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
  });

  for (const protocol of protocols) {
    it(`streams an answer over the ${protocol.name} protocol, with its headers, raw events and curl`, async () => {
      const message = `Say hello over ${protocol.name}, please`;
      await sendFromPlayground(page, protocol, { message });
      await expect.poll(() => shownText(page, 'playground-answer'), poll).toContain(message);
      await answerFinished(page);
      // shown as it streams: the answer had at least two lengths on its way to the whole
      const lengths = await page.evaluate<number[]>('window.answerLengths');
      expect(new Set(lengths.filter((length) => length > 0)).size).toBeGreaterThanOrEqual(2);
      expect(lengths.at(-1)).toBe(
        (await page.locator('[data-testid="playground-answer"]').textContent())?.length,
      );
      const events = await shownText(page, 'playground-raw-events');
      for (const event of protocol.events) expect(events).toContain(event);
      // a stream of several events, not one answer
      expect(occurrences(events, 'data:') + occurrences(events, '"type"')).toBeGreaterThan(2);
      const headers = await shownText(page, 'playground-headers');
      expect(headers).toMatch(/x-request-id\s+[\w.:-]{8,}/i);
      expect(headers).toMatch(/x-sfgw-overhead-ms\s+\d/i);
      const curl = await shownText(page, 'playground-curl');
      expect(curl).toContain('curl');
      expect(curl).toContain('$SFGW_API_KEY');
      expect(curl).toContain(`${gateway.url}${protocol.path}`);
      expect(curl).not.toContain(gateway.adminKey);
    });
  }

  it('answers without streaming, with the system prompt in the request it shows', async () => {
    const [protocol] = protocols;
    const message = 'Answer in one piece';
    await sendFromPlayground(page, protocol, { message, systemPrompt: 'You are terse.', stream: false });
    await expect.poll(() => shownText(page, 'playground-answer'), poll).toContain(message);
    await answerFinished(page);
    const sent = JSON.parse(await shownText(page, 'playground-raw-request'));
    expect(sent).toMatchObject({
      model: protocol.model,
      messages: [{ role: 'system', content: 'You are terse.' }, {}],
    });
    expect(sent.stream ?? false).toBe(false);
    const answer = await shownText(page, 'playground-raw-events');
    expect(answer).toContain('"chat.completion"');
    expect(answer).not.toContain('chat.completion.chunk');
  });

  it('stops the answer under way when Send is pressed again, and shows only the new one', async () => {
    const [protocol] = protocols;
    const held = await holdNextRequest(page, protocol.path);
    await sendFromPlayground(page, protocol, { message: 'The first, never answered' });
    await expect.poll(held.arrived, poll).toBe(true);
    await page.getByLabel('Message').fill('The second, answered');
    await page.getByRole('button', { name: 'Send' }).click();
    expect(await held.failure).toMatch(/abort|cancel/i);
    await answerFinished(page);
    expect(await shownText(page, 'playground-answer')).toContain('The second, answered');
    expect(await shownText(page, 'playground-answer')).not.toContain('The first');
  });

  it('stops the answer under way when the operator leaves the playground', async () => {
    const [protocol] = protocols;
    const held = await holdNextRequest(page, protocol.path);
    await sendFromPlayground(page, protocol, { message: 'Never answered, then left' });
    await expect.poll(held.arrived, poll).toBe(true);
    await page.getByRole('link', { name: 'Overview' }).click();
    expect(await held.failure).toMatch(/abort|cancel/i);
    await page.getByRole('link', { name: 'Playground' }).click();
    // back on a fresh playground once its model list is in
    await page
      .getByLabel('Model')
      .getByRole('option', { name: protocol.model, exact: true })
      .waitFor({ state: 'attached' });
  });

  for (const [index, protocol] of protocols.entries()) {
    it(`shows the tool call a model makes over the ${protocol.name} protocol`, async () => {
      // the simulator calls the offered tool and takes city=<name> as the argument
      const city = ['Paris', 'Oslo'][index] as string;
      await sendFromPlayground(page, protocol, {
        message: `What is the weather like? Use get_weather. city=${city}`,
        tools: weatherTools,
      });
      await expect.poll(() => shownText(page, 'playground-tool-calls'), poll).toContain(city);
      await answerFinished(page);
      expect(await shownText(page, 'playground-tool-calls')).toContain('get_weather');
    });
  }

  it('has no serious accessibility violations after a streamed tool call', async () => {
    await saveScreenshot(page, 'playground');
    // a streamed answer is announced once, when complete, not fragment by fragment
    expect(await page.locator('main [aria-live]').count()).toBe(0);
    expect(await page.getByRole('status').textContent()).toBe('The answer is complete.');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  itEndedCleanly(() => session);
});
