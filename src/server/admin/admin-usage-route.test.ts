import { describe, expect, it } from 'vitest';
import { parseUsageQuery } from './admin-usage-route.ts';

const now = Date.parse('2026-12-04T23:30:00Z');

describe('parseUsageQuery', () => {
  it('defaults to the last 30 UTC days up to today', () => {
    expect(parseUsageQuery({}, now)).toEqual({ from: '2026-11-05', to: '2026-12-04' });
    expect(parseUsageQuery({ to: '2026-03-01' }, now)).toEqual({ from: '2026-01-31', to: '2026-03-01' });
  });

  it('keeps a key and a model, and treats empty parameters as absent', () => {
    expect(parseUsageQuery({ from: '2026-12-01', key: 'n8n', model: 'gpt-4o-mini', to: '' }, now)).toEqual({
      from: '2026-12-01',
      to: '2026-12-04',
      key: 'n8n',
      model: 'gpt-4o-mini',
    });
  });

  it.each([
    [{ from: '2026-2-01' }, 'from'],
    [{ to: '2026-02-30' }, 'to'],
    [{ from: 'yesterday' }, 'from'],
    [{ from: '2026-12-05', to: '2026-12-04' }, 'from'],
    [{ key: ['a', 'b'] }, 'key'],
  ])('refuses %j naming %s', (query, param) => {
    expect(() => parseUsageQuery(query, now)).toThrow(
      expect.objectContaining({ kind: 'invalid_request', param }),
    );
  });
});
