import { describe, expect, it } from 'vitest';
import { GenerationOrigins } from './generation-origins.ts';

describe('GenerationOrigins', () => {
  it('tells which org made a generation, and nothing for one it never saw', async () => {
    const origins = new GenerationOrigins();
    origins.remember('gen-1', 'eu');
    origins.remember('gen-2', 'us');
    expect(await origins.orgOf('gen-1')).toBe('eu');
    expect(await origins.orgOf('gen-2')).toBe('us');
    expect(await origins.orgOf('gen-3')).toBeUndefined();
  });

  it('forgets the least recently remembered past its capacity', async () => {
    const origins = new GenerationOrigins({ capacity: 2 });
    origins.remember('gen-1', 'eu');
    origins.remember('gen-2', 'us');
    // remembered again: now the newest
    origins.remember('gen-1', 'eu');
    origins.remember('gen-3', 'us');
    expect(await origins.orgOf('gen-2')).toBeUndefined();
    expect(await origins.orgOf('gen-1')).toBe('eu');
    expect(await origins.orgOf('gen-3')).toBe('us');
  });

  it('asks the fleet for an id it does not know, and tells the fleet what it learns', async () => {
    const fleet = new Map<string, string>([['gen-elsewhere', 'us']]);
    const origins = new GenerationOrigins({
      shared: { remember: (id, org) => fleet.set(id, org), lookup: async (id) => fleet.get(id) },
    });
    origins.remember('gen-here', 'eu');
    expect(fleet.get('gen-here')).toBe('eu');
    expect(await origins.orgOf('gen-elsewhere')).toBe('us');
    expect(await origins.orgOf('gen-nowhere')).toBeUndefined();
  });
});
