// Output item policy: clients that assume stored responses (the Vercel AI SDK's default OpenAI
// model) send earlier assistant output back as `{type: "item_reference", id}`. This store keeps
// the output items this gateway instance produced, so such references resolve. It is not
// response storage: responses cannot be retrieved and previous_response_id stays refused.
//
// | Concern    | Policy                                                                              |
// |------------|-------------------------------------------------------------------------------------|
// | What       | message and function_call items, in wire form, as the client received them          |
// | Scope      | one store per gateway instance (never shared across processes), passed in by the    |
// |            | routes' owner; inside it, per API key: a client recalls only what it was given      |
// | Lifetime   | sliding: an item stays recallable for `ttlMs` (default 1 hour) after it was last    |
// |            | produced or recalled, so a conversation in use keeps resolving                      |
// | Count      | at most `maxEntries` items (default 10,000); the least recently used goes first     |
// | Size       | at most `maxCharacters` string characters in all items (default 20 million, about   |
// |            | 20–40 MB); an item larger than that alone is not kept                               |
// | Expiry     | expired items are dropped when recalled, and from the least-recently-used end on    |
// |            | every remember (use order is also expiry order, so that end holds all expired ones)  |

/** An output item in wire form (`type`, `id`, …). */
export type OutputItem = Record<string, unknown>;

/** Looks up output items this gateway produced, to resolve item_reference inputs. */
export interface OutputItemLookup {
  recall(id: string): OutputItem | undefined;
  /** How long an unused item stays recallable, in milliseconds. */
  readonly ttlMs: number;
}

/** One client's view of the store. */
export interface ScopedOutputItems extends OutputItemLookup {
  remember(items: readonly OutputItem[]): void;
}

/** Bounds and clock of an OutputItemStore. */
export interface OutputItemStoreOptions {
  /** Most items kept; default 10,000. */
  maxEntries?: number;
  /** Most string characters kept over all items; default 20 million. */
  maxCharacters?: number;
  /** How long an unused item stays recallable, in milliseconds; default one hour. */
  ttlMs?: number;
  /** The clock, in milliseconds; default Date.now. */
  now?: () => number;
}

interface Entry {
  item: OutputItem;
  characters: number;
  lastUsedAt: number;
}

const rememberedTypes = new Set(['message', 'function_call']);

/** A bounded, least-recently-used memory of the output items this gateway produced, by item id. */
export class OutputItemStore implements OutputItemLookup {
  /** How long an unused item stays recallable, in milliseconds. */
  readonly ttlMs: number;
  readonly #maxEntries: number;
  readonly #maxCharacters: number;
  readonly #now: () => number;
  // A Map iterates in insertion order; re-inserting on every use keeps it in use order.
  readonly #entries = new Map<string, Entry>();
  #characters = 0;

  constructor(options: OutputItemStoreOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#maxCharacters = options.maxCharacters ?? 20_000_000;
    this.#now = options.now ?? Date.now;
  }

  /** Number of items held, expired ones included until they are swept. */
  get size(): number {
    return this.#entries.size;
  }

  /** The same store seen by one client (an API key's name): it recalls only items it was given. */
  scopedTo(client: string): ScopedOutputItems {
    return {
      ttlMs: this.ttlMs,
      remember: (items) => this.remember(items, client),
      recall: (id) => this.recall(id, client),
    };
  }

  /** Keeps the message and function_call items of a response's output, by their ids. */
  remember(items: readonly OutputItem[], client = ''): void {
    const now = this.#now();
    this.#sweep(now);
    for (const item of items) {
      if (typeof item.id !== 'string' || !rememberedTypes.has(item.type as string)) continue;
      const key = entryKey(client, item.id);
      this.#delete(key);
      const characters = countCharacters(item);
      if (characters > this.#maxCharacters) continue;
      this.#entries.set(key, { item: structuredClone(item), characters, lastUsedAt: now });
      this.#characters += characters;
    }
    this.#evict();
  }

  /** The item with this id, when it is held and not expired; callers must not change it. */
  recall(id: string, client = ''): OutputItem | undefined {
    const key = entryKey(client, id);
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    const now = this.#now();
    this.#entries.delete(key);
    if (this.#isExpired(entry, now)) {
      this.#characters -= entry.characters;
      return undefined;
    }
    entry.lastUsedAt = now;
    this.#entries.set(key, entry);
    return entry.item;
  }

  #isExpired(entry: Entry, now: number): boolean {
    return now - entry.lastUsedAt >= this.ttlMs;
  }

  /** Drops expired entries from the least-recently-used end. */
  #sweep(now: number): void {
    for (const [id, entry] of this.#entries) {
      if (!this.#isExpired(entry, now)) return;
      this.#delete(id);
    }
  }

  /** Drops least-recently-used entries until both bounds hold. */
  #evict(): void {
    for (const id of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries && this.#characters <= this.#maxCharacters) return;
      this.#delete(id);
    }
  }

  #delete(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#entries.delete(id);
    this.#characters -= entry.characters;
  }
}

// Item ids come from this gateway and never hold a NUL, so the key cannot be forged.
function entryKey(client: string, id: string): string {
  return `${client}\u0000${id}`;
}

/** The string characters in a value (keys and strings), a stand-in for its memory. */
function countCharacters(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.reduce((sum: number, element) => sum + countCharacters(element), 0);
  if (typeof value !== 'object' || value === null) return 8;
  let sum = 0;
  for (const [key, element] of Object.entries(value)) sum += key.length + countCharacters(element);
  return sum;
}
