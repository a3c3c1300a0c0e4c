import { toEpochSeconds } from '../../salesforce/response.ts';

/** Unix seconds from the first usable timestamp, in seconds or milliseconds (read as the Models
 * API reads them); else from `now` (ms). */
export function mapTimestamp(candidates: unknown[], now: () => number): number {
  for (const value of candidates) {
    const seconds = toEpochSeconds(value);
    if (seconds !== undefined) return seconds;
  }
  return Math.floor(now() / 1000);
}
