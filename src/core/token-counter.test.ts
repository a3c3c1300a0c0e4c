import { countTokens } from 'gpt-tokenizer';
import { describe, expect, it } from 'vitest';
import type { Message } from './model.ts';
import { maxPieceBytes, piecesForCounting } from './pieces-for-counting.ts';
import { TokenCounter } from './token-counter.ts';
import { runOf, type SampleKind, textOfKind, tokenizerSamples } from './tokenizer-samples.fixtures.ts';

const treatSpecialTokensAsText = { disallowedSpecial: new Set<string>() };
const userText = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });

describe('TokenCounter', () => {
  it('counts with a real BPE tokenizer, not characters', () => {
    const counter = new TokenCounter();
    // common English words are one token each in o200k_base
    expect(counter.countText('the cat sat on the mat')).toBe(6);
    expect(counter.countText('')).toBe(0);
    expect(counter.countText('a'.repeat(1000))).toBeLessThan(1000 / 4);
  });

  it('treats special-token markers in user text as text', () => {
    expect(new TokenCounter().countText('hello <|endoftext|> world')).toBeGreaterThan(3);
  });

  for (const kind of Object.keys(tokenizerSamples) as SampleKind[]) {
    it(`counts 50 KB of ${kind}, cut into pieces, exactly as the tokenizer counts it whole`, () => {
      const text = textOfKind(kind, 50_000);
      expect(new TokenCounter().countText(text)).toBe(countTokens(text, treatSpecialTokensAsText));
    });
  }

  it('counts a 50 KB line of base64 exactly', () => {
    const text = Buffer.from(runOf('\u0000\u0001\u00fe\u00ffabc', 37_500), 'latin1').toString('base64');
    expect(new TokenCounter().countText(text)).toBe(countTokens(text, treatSpecialTokensAsText));
  });

  // Runs with no spot where a pre-token must begin are cut at the length limit anyway, splitting a
  // pre-token at each cut: the count may exceed the tokenizer's by one per cut, never fall short.
  const cutsIn = (text: string) => [...piecesForCounting(text)].length - 1;
  const runs: Record<string, string> = {
    'one letter': 'a'.repeat(10_000),
    'two letters': 'ab'.repeat(5_000),
    'random lower-case letters': runOf('abcdefghijklmnopqrstuvwxyz', 10_000),
    'random letters of both cases': runOf('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 10_000),
    spaces: ' '.repeat(10_000),
    'spaces and tabs': runOf(' \t', 10_000),
    newlines: '\n'.repeat(10_000),
    punctuation: runOf('!"#$%&()*+,-./:;<=>?@[]^_`{|}~', 10_000),
    digits: runOf('0123456789', 10_000),
    'CJK without punctuation': runOf(
      '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得',
      10_000,
    ),
    emoji: runOf('😀😃😄😁😆😅😂🤣😊😇🙂🙃😉😌😍🥰😘', 10_000),
  };
  for (const [name, text] of Object.entries(runs)) {
    it(`overcounts a 10,000-character run of ${name} by at most one token per cut`, () => {
      const exact = countTokens(text, treatSpecialTokensAsText);
      const counted = new TokenCounter().countText(text);
      expect(counted).toBeGreaterThanOrEqual(exact);
      expect(counted).toBeLessThanOrEqual(exact + cutsIn(text));
    });
  }

  // Counted once with gpt-tokenizer 4's own countTokens on the whole text, which took 497 s to
  // 557 s for each: far too slow to repeat here. The counts show tokens of 128, 8, 16 and 4
  // characters, which all divide the piece length, so cuts fall where tokens end anyway.
  const millionCharacterRuns: [string, string, number][] = [
    ["' '", ' '.repeat(1_000_000), 7_813],
    ["'a'", 'a'.repeat(1_000_000), 125_000],
    ["'!'", '!'.repeat(1_000_000), 62_500],
    ["'ab'", 'ab'.repeat(500_000), 250_000],
  ];
  for (const [name, text, exact] of millionCharacterRuns) {
    it(`counts a million ${name} within 0.1% of the tokenizer's count`, () => {
      const counted = new TokenCounter().countText(text);
      expect(Math.abs(counted - exact)).toBeLessThanOrEqual(exact / 1_000);
    });
  }

  it('counts every message, its framing and its tool parts', async () => {
    const counter = new TokenCounter();
    const total = await counter.countMessages([
      { role: 'system', content: [{ type: 'text', text: 'the cat' }] },
      {
        role: 'assistant',
        content: [{ type: 'tool-call', id: 'c', name: 'lookup', arguments: { id: 7 } }],
      },
      { role: 'tool', content: [{ type: 'tool-result', callId: 'c', content: 'the mat', isError: false }] },
    ]);
    const expected =
      3 * 4 +
      counter.countText('the cat') +
      counter.countText('lookup {"id":7}') +
      counter.countText('the mat');
    expect(total).toBe(expected);
  });

  it('lets a timer keep firing while it counts a 10 MB conversation', async () => {
    // prose, then a run of random letters, the slowest kind of text to count; through JSON, as a
    // request body arrives: one flat string, not the rope that concatenation builds
    const built = textOfKind('prose', 9_000_000) + runOf('abcdefghijklmnopqrstuvwxyz', 1_000_000);
    const text: string = JSON.parse(JSON.stringify(built));
    let longestWait = 0;
    let ticks = 0;
    let lastTick = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longestWait = Math.max(longestWait, now - lastTick);
      lastTick = now;
      ticks++;
    }, 10);
    try {
      const total = await new TokenCounter().countMessages([userText(text)]);
      longestWait = Math.max(longestWait, performance.now() - lastTick);
      expect(total).toBeGreaterThan(text.length / 10);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(5);
    expect(longestWait).toBeLessThan(100);
  });

  it('stops counting soon after the total passes stopAbove', async () => {
    const counter = new TokenCounter();
    const text = textOfKind('prose', 10_000_000);
    const stopped = await counter.countMessages([userText(text)], { stopAbove: 1_000 });
    expect(stopped).toBeGreaterThan(1_000);
    // at most one piece past the bound: a piece has no more tokens than bytes
    expect(stopped).toBeLessThanOrEqual(1_000 + maxPieceBytes);
    // a partial count is never remembered as the text's count
    expect(counter.cacheSize().entries).toBe(0);
    const short = [userText('the cat'), userText('the mat'), userText('the hat')];
    expect(await counter.countMessages(short, { stopAbove: 7 })).toBe(10);
    expect(await counter.countMessages(short, { stopAbove: 0 })).toBe(4);
    expect(await counter.countMessages(short, { stopAbove: 18 })).toBe(await counter.countMessages(short));
  });

  it('remembers a text counted by two conversations at once only once', async () => {
    const counter = new TokenCounter();
    const text = textOfKind('prose', 100_000);
    const [first, second] = await Promise.all([
      counter.countMessages([userText(text)]),
      counter.countMessages([userText(text)]),
    ]);
    expect(first).toBe(second);
    expect(counter.cacheSize()).toEqual({ entries: 1, characters: text.length });
  });

  it('gives the same count for a long text from its cache, within a bound on entries', () => {
    const counter = new TokenCounter({ maxEntries: 2 });
    const long = (word: string) => `${word} `.repeat(100);
    const first = counter.countText(long('alpha'));
    expect(counter.countText(long('alpha'))).toBe(first);
    counter.countText(long('beta'));
    counter.countText(long('gamma'));
    expect(counter.cacheSize().entries).toBe(2);
    expect(counter.countText(long('alpha'))).toBe(first);
  });

  it('keeps the remembered texts under a character budget, skipping texts larger than it', () => {
    const counter = new TokenCounter({ maxCharacters: 2_000 });
    for (const word of ['one', 'two', 'three', 'four', 'five']) counter.countText(`${word} `.repeat(150));
    expect(counter.cacheSize().characters).toBeLessThanOrEqual(2_000);
    expect(counter.cacheSize().entries).toBeGreaterThan(0);
    const huge = 'x '.repeat(5_000);
    expect(counter.countText(huge)).toBeGreaterThan(0);
    expect(counter.cacheSize().characters).toBeLessThanOrEqual(2_000);
  });

  it('bounds every sample from above by its UTF-8 bytes plus framing, never below the count', async () => {
    const counter = new TokenCounter();
    for (const kind of Object.keys(tokenizerSamples) as SampleKind[]) {
      const messages = [userText(textOfKind(kind, 5_000)), userText('a short second turn')];
      const tokens = await counter.countMessages(messages);
      expect(counter.surelyWithin(messages, tokens - 1)).toBe(false);
      const bytes = messages.reduce((sum, message) => sum + 4 + Buffer.byteLength(textOf(message)), 0);
      expect(counter.surelyWithin(messages, bytes)).toBe(true);
      expect(counter.surelyWithin(messages, bytes - 1)).toBe(false);
    }
  });
});

function textOf(message: Message): string {
  return message.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}
