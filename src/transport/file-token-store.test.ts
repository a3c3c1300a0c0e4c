import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTokenStore } from './file-token-store.ts';
import type { CachedToken } from './token-store.ts';

const token: CachedToken = {
  accessToken: 'eyJ0bmsiOi.payload.signature',
  expiresAt: 1_700_001_800_000,
  obtainedAt: 1_700_000_000_000,
  apiBaseUrl: 'https://api.salesforce.com',
  instanceUrl: 'https://example.my.salesforce.com',
};

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'token-store-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('FileTokenStore', () => {
  it('round-trips a token through an owner-only file inside an owner-only new directory', async () => {
    const path = join(directory, 'nested', 'token.json');
    const store = new FileTokenStore(path, 'identity-a');

    await store.save(token);

    expect(await store.load()).toEqual(token);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(directory, 'nested'))).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ identity: 'identity-a', token });
  });

  it('replaces the file by rename, leaving no temporary files behind', async () => {
    const path = join(directory, 'token.json');
    const store = new FileTokenStore(path, 'identity-a');
    await writeFile(path, 'old contents', { mode: 0o644 });

    await store.save(token);
    await store.save({ ...token, accessToken: 'second' });

    expect(await readdir(directory)).toEqual(['token.json']);
    expect((await store.load())?.accessToken).toBe('second');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('makes a file readable by others owner-only when it reads it', async () => {
    const path = join(directory, 'token.json');
    await new FileTokenStore(path, 'identity-a').save(token);
    await chmod(path, 0o644);

    expect(await new FileTokenStore(path, 'identity-a').load()).toEqual(token);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('returns undefined when the file is missing', async () => {
    expect(await new FileTokenStore(join(directory, 'absent.json'), 'identity-a').load()).toBeUndefined();
  });

  it('ignores a token saved for another identity', async () => {
    const path = join(directory, 'token.json');
    await new FileTokenStore(path, 'identity-a').save(token);
    expect(await new FileTokenStore(path, 'identity-b').load()).toBeUndefined();
  });

  it.each([
    ['not JSON', '{"identity": "identity-a", "tok'],
    ['an array', '[]'],
    ['a missing token', '{"identity":"identity-a"}'],
    [
      'an empty access token',
      JSON.stringify({ identity: 'identity-a', token: { ...token, accessToken: '' } }),
    ],
    [
      'a string expiry',
      JSON.stringify({ identity: 'identity-a', token: { ...token, expiresAt: '1700001800000' } }),
    ],
    [
      'a missing instance URL',
      JSON.stringify({ identity: 'identity-a', token: { ...token, instanceUrl: undefined } }),
    ],
  ])('ignores a file holding %s', async (_label, contents) => {
    const path = join(directory, 'token.json');
    await writeFile(path, contents);
    expect(await new FileTokenStore(path, 'identity-a').load()).toBeUndefined();
  });

  it('drops unknown fields when loading', async () => {
    const path = join(directory, 'token.json');
    await writeFile(path, JSON.stringify({ identity: 'identity-a', token: { ...token, extra: 'x' } }));
    expect(await new FileTokenStore(path, 'identity-a').load()).toEqual(token);
  });

  it('clears only the named token, so a newer one saved meanwhile survives', async () => {
    const store = new FileTokenStore(join(directory, 'token.json'), 'identity-a');
    await store.save(token);
    await store.clear('some-older-token');
    expect(await store.load()).toEqual(token);
    await store.clear(token.accessToken);
    expect(await store.load()).toBeUndefined();
  });

  it('clears the file, and clearing twice is fine', async () => {
    const path = join(directory, 'token.json');
    const store = new FileTokenStore(path, 'identity-a');
    await store.save(token);

    await store.clear();
    await store.clear();

    expect(await readdir(directory)).toEqual([]);
    expect(await store.load()).toBeUndefined();
  });
});
