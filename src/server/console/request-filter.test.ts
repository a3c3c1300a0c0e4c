import { describe, expect, it } from 'vitest';
import { recentRequest } from '../../observability/recent-request.fixtures.ts';
import { matchesFilter, parseRequestFilter } from './request-filter.ts';

const row = recentRequest({
  key: 'n8n',
  protocol: 'anthropic',
  route: '/v1/messages',
  model: 'claude-haiku-4-5',
  status: 429,
});

describe('the requests filter', () => {
  it('defaults to the newest 100 of everything', () => {
    const filter = parseRequestFilter({});
    expect(filter).toEqual({
      limit: 100,
      status: undefined,
      model: undefined,
      key: undefined,
      protocol: undefined,
    });
    expect(matchesFilter(row, filter)).toBe(true);
  });

  it('matches an exact status, errors, a model, a key and a protocol', () => {
    const matches = (query: Record<string, string>) => matchesFilter(row, parseRequestFilter(query));
    expect(matches({ status: '429' })).toBe(true);
    expect(matches({ status: '200' })).toBe(false);
    expect(matches({ status: 'errors' })).toBe(true);
    expect(matchesFilter({ ...row, status: 399 }, parseRequestFilter({ status: 'errors' }))).toBe(false);
    expect(matches({ model: 'claude-haiku-4-5', key: 'n8n', protocol: 'anthropic' })).toBe(true);
    expect(matches({ key: 'other' })).toBe(false);
    expect(matches({ protocol: 'openai' })).toBe(false);
  });

  it.each([
    [{ limit: '0' }, 'limit'],
    [{ limit: '2.5' }, 'limit'],
    [{ limit: '10001' }, 'limit'],
    [{ status: 'bad' }, 'status'],
    [{ status: '42' }, 'status'],
    [{ protocol: 'grpc' }, 'protocol'],
    [{ key: ['a', 'b'] }, 'key'],
    [{ stauts: '200' }, 'stauts'],
  ])('refuses %j, naming the parameter', (query, parameter) => {
    expect(() => parseRequestFilter(query)).toThrow(expect.objectContaining({ param: parameter }));
  });
});
