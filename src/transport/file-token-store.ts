import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { withFileLock } from './file-lock.ts';
import { type CachedToken, readStoredToken, type TokenStore } from './token-store.ts';

const privateFileMode = 0o600;
const privateDirectoryMode = 0o700;
// A token request times out after 30 s; a lock held twice that long has lost its holder.
const lockOptions = { staleMs: 60_000, retryDelayMs: 25 };

/** Persists the token as owner-only JSON, replaced atomically, tagged with where it came from. */
export class FileTokenStore implements TokenStore {
  readonly #path: string;
  readonly #identity: string;

  /** `identity` is a non-secret fingerprint of the credentials; a file with another is ignored. */
  constructor(path: string, identity: string) {
    this.#path = path;
    this.#identity = identity;
  }

  /** The stored token, or undefined when the file is missing, corrupt or from other credentials. */
  async load(): Promise<CachedToken | undefined> {
    let text: string;
    try {
      text = await readPrivately(this.#path);
    } catch (error) {
      if (isMissingFile(error)) return undefined;
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return undefined;
    }
    const stored = parsed as { identity?: unknown; token?: unknown } | null;
    if (typeof stored !== 'object' || stored === null || stored.identity !== this.#identity) return undefined;
    return readStoredToken(stored.token);
  }

  /** Writes a private temp file beside the target, syncs it, then renames it into place. */
  async save(token: CachedToken): Promise<void> {
    const directory = dirname(this.#path);
    await mkdir(directory, { recursive: true, mode: privateDirectoryMode });
    const temporaryPath = join(directory, `.${basename(this.#path)}.${randomUUID()}.tmp`);
    const handle = await open(temporaryPath, 'wx', privateFileMode);
    try {
      // The umask may have narrowed the mode; set it exactly.
      await handle.chmod(privateFileMode);
      await handle.writeFile(JSON.stringify({ identity: this.#identity, token }));
      await handle.sync();
      await handle.close();
      await rename(temporaryPath, this.#path);
    } catch (error) {
      await handle.close().catch(() => undefined);
      await rm(temporaryPath, { force: true });
      throw error;
    }
  }

  /** Runs task holding `<file>.lock`, so processes sharing the file fetch one token between them. */
  async withLock<T>(task: () => Promise<T>): Promise<T> {
    // Without the folder the lock cannot be taken and the task runs unlocked, which is still correct.
    await mkdir(dirname(this.#path), { recursive: true, mode: privateDirectoryMode }).catch(() => undefined);
    return withFileLock(`${this.#path}.lock`, task, lockOptions);
  }

  /** Deletes the file (with accessToken, only while it holds that token); a missing file is already clear. */
  async clear(accessToken?: string): Promise<void> {
    if (accessToken !== undefined && (await this.load())?.accessToken !== accessToken) return;
    await rm(this.#path, { force: true });
  }
}

// A file left readable by others (copied in, or written by an older version) holds a live bearer
// token: it is made owner-only before it is read, whoever's token it turns out to be.
async function readPrivately(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    if (((await handle.stat()).mode & 0o777) !== privateFileMode) await handle.chmod(privateFileMode);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

function isMissingFile(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
