import type { ResponseStore } from '../core/response-store.ts';

/** How much the store may hold, and its clock. */
export interface MemoryResponseStoreOptions {
  /** Upper bound of the kept texts' size; past it the least recently used go first. */
  maxBytes: number;
  now?: () => number;
}

interface KeptText {
  value: string;
  bytes: number;
  expiresAt: number;
}

/** The response cache of one process: bounded in bytes, least recently used out first, each answer gone after its lifetime. */
export class MemoryResponseStore implements ResponseStore {
  readonly #maxBytes: number;
  readonly #now: () => number;
  // insertion order is the order of last use: the first entry is the next to go
  readonly #kept = new Map<string, KeptText>();
  #bytes = 0;

  constructor(options: MemoryResponseStoreOptions) {
    this.#maxBytes = options.maxBytes;
    this.#now = options.now ?? Date.now;
  }

  async get(key: string): Promise<string | undefined> {
    const kept = this.#kept.get(key);
    if (kept === undefined) return undefined;
    this.#forget(key, kept);
    if (kept.expiresAt <= this.#now()) return undefined;
    this.#keep(key, kept);
    return kept.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    const previous = this.#kept.get(key);
    if (previous) this.#forget(key, previous);
    // a JavaScript string holds up to two bytes per character
    const bytes = value.length * 2;
    if (bytes > this.#maxBytes) return;
    this.#keep(key, { value, bytes, expiresAt: this.#now() + ttlMs });
    for (const [oldestKey, oldest] of this.#kept) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#forget(oldestKey, oldest);
    }
  }

  /** Bytes held now. */
  get bytes(): number {
    return this.#bytes;
  }

  #keep(key: string, kept: KeptText): void {
    this.#kept.set(key, kept);
    this.#bytes += kept.bytes;
  }

  #forget(key: string, kept: KeptText): void {
    this.#kept.delete(key);
    this.#bytes -= kept.bytes;
  }
}
