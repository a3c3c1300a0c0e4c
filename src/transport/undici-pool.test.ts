import * as undici from 'undici';
import { describe, expect, it } from 'vitest';
import { Pool } from './undici-pool.ts';

describe('Pool loaded without the rest of undici', () => {
  it('is the class undici exports, with the request API on it', async () => {
    expect(Pool).toBe(undici.Pool);
    const pool = new Pool('http://127.0.0.1:9');
    expect(typeof pool.request).toBe('function');
    expect(typeof pool.stream).toBe('function');
    await pool.close();
  });
});
