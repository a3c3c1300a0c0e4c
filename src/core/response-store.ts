/** Where the response cache keeps answers, as text under a key, each for its own lifetime. */
export interface ResponseStore {
  /** The text kept under `key`, or undefined when there is none (or it could not be read). */
  get(key: string): Promise<string | undefined>;
  /** Keeps `value` for `ttlMs`; never throws (a store that cannot keep it forgets it). */
  set(key: string, value: string, ttlMs: number): Promise<void>;
}
