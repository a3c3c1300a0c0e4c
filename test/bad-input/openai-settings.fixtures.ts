// Chat completions bodies with absurd generation settings.
import type { BadInputCase } from './describe-bad-input-table.ts';
import { badChat } from './request-bodies.fixtures.ts';

/** Token limits, sampling settings, n and stop sequences out of range or of the wrong type. */
export const openAISettingCases: BadInputCase[] = [
  badChat('max_tokens -1', { max_tokens: -1 }, 'max_tokens'),
  badChat('max_tokens 0', { max_tokens: 0 }, 'max_tokens'),
  badChat('max_tokens 1e12', { max_tokens: 1e12 }, 'max_tokens'),
  badChat('max_tokens 1.5', { max_tokens: 1.5 }, 'max_tokens'),
  badChat('max_tokens "100"', { max_tokens: '100' }, 'max_tokens'),
  badChat('max_tokens true', { max_tokens: true }, 'max_tokens'),
  badChat('max_completion_tokens -5', { max_completion_tokens: -5 }, 'max_completion_tokens'),
  badChat('max_completion_tokens 1e12', { max_completion_tokens: 1e12 }, 'max_completion_tokens'),
  badChat('temperature 3', { temperature: 3 }, 'temperature'),
  badChat('temperature -0.5', { temperature: -0.5 }, 'temperature'),
  badChat('temperature "hot"', { temperature: 'hot' }, 'temperature'),
  badChat('top_p 1.5', { top_p: 1.5 }, 'top_p'),
  badChat('top_k -1', { top_k: -1 }, 'top_k'),
  badChat('presence_penalty 5', { presence_penalty: 5 }, 'presence_penalty'),
  badChat('frequency_penalty -3', { frequency_penalty: -3 }, 'frequency_penalty'),
  badChat('seed 1.5', { seed: 1.5 }, 'seed'),
  badChat('n 2, which the upstream cannot produce', { n: 2 }, 'n'),
  badChat('n 0', { n: 0 }, 'n'),
  badChat('n "1"', { n: '1' }, 'n'),
  badChat('stop with five entries', { stop: ['a', 'b', 'c', 'd', 'e'] }, 'stop'),
  badChat('stop a number', { stop: 5 }, 'stop'),
  badChat('stop with a number entry', { stop: ['END', 5] }, 'stop[1]'),
  {
    ...badChat('stop of 257 characters', { stop: 'x'.repeat(257) }, 'stop'),
    mentions: /at most 256 characters/,
  },
  {
    ...badChat('a stop entry of 257 characters', { stop: ['END', 'x'.repeat(257)] }, 'stop[1]'),
    mentions: /at most 256 characters/,
  },
];
