import { describe, expect, it } from 'vitest';
import { parseRoute } from './use-hash-route.ts';

describe('parseRoute', () => {
  it.each([
    ['', { page: 'overview' }],
    ['#/overview', { page: 'overview' }],
    ['#/requests', { page: 'requests' }],
    ['#/requests/req%2F1', { page: 'request', id: 'req/1' }],
    ['#/models', { page: 'models' }],
    ['#/playground', { page: 'playground' }],
    ['#/elsewhere', { page: 'overview' }],
  ])('reads %s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });
});
