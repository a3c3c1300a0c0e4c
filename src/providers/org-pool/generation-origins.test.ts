import { describe, expect, it } from 'vitest';
import { GenerationOrigins } from './generation-origins.ts';

describe('GenerationOrigins', () => {
  it('tells which org made a generation, and nothing for one it never saw', () => {
    const origins = new GenerationOrigins();
    origins.remember('gen-1', 'eu');
    origins.remember('gen-2', 'us');
    expect(origins.orgOf('gen-1')).toBe('eu');
    expect(origins.orgOf('gen-2')).toBe('us');
    expect(origins.orgOf('gen-3')).toBeUndefined();
  });

  it('forgets the least recently remembered past its capacity', () => {
    const origins = new GenerationOrigins({ capacity: 2 });
    origins.remember('gen-1', 'eu');
    origins.remember('gen-2', 'us');
    // remembered again: now the newest
    origins.remember('gen-1', 'eu');
    origins.remember('gen-3', 'us');
    expect(origins.orgOf('gen-2')).toBeUndefined();
    expect(origins.orgOf('gen-1')).toBe('eu');
    expect(origins.orgOf('gen-3')).toBe('us');
  });
});
