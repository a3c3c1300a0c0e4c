import { describe, expect, it } from 'vitest';
import { parsePrometheusText } from './parse-prometheus-text.ts';

describe('parsePrometheusText (test helper)', () => {
  const text = [
    '# HELP jobs_total Jobs done.',
    '# TYPE jobs_total counter',
    'jobs_total{queue="a",note="say \\"hi\\"\\\\ \\nnow"} 3',
    'jobs_total{queue="b"} 4 1700000000000',
    '# TYPE up gauge',
    'up 1',
    'latency_bucket{le="+Inf"} 2',
    'lag_seconds Nan',
    '',
  ].join('\n');

  it('reads names, unescaped labels, values and types', () => {
    const exposition = parsePrometheusText(text);
    expect(exposition.samples).toEqual([
      { name: 'jobs_total', labels: { queue: 'a', note: 'say "hi"\\ \nnow' }, value: 3 },
      { name: 'jobs_total', labels: { queue: 'b' }, value: 4 },
      { name: 'up', labels: {}, value: 1 },
      { name: 'latency_bucket', labels: { le: '+Inf' }, value: 2 },
      { name: 'lag_seconds', labels: {}, value: Number.NaN },
    ]);
    expect(Object.fromEntries(exposition.types)).toEqual({ jobs_total: 'counter', up: 'gauge' });
  });

  it('sums the samples whose labels include the given ones', () => {
    const exposition = parsePrometheusText(text);
    expect(exposition.value('jobs_total')).toBe(7);
    expect(exposition.value('jobs_total', { queue: 'b' })).toBe(4);
    expect(exposition.value('jobs_total', { queue: 'c' })).toBe(0);
  });

  it('throws on a malformed line', () => {
    expect(() => parsePrometheusText('jobs_total{queue=a} 1')).toThrow(/malformed labels/);
    expect(() => parsePrometheusText('jobs_total one')).toThrow(/malformed value/);
  });
});
