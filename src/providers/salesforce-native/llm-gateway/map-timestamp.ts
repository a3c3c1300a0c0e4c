// Epoch values below this are seconds; above it, milliseconds (1e11 s is the year 5138, 1e11 ms 1973).
const millisecondsThreshold = 1e11;

/** Unix seconds from the first usable timestamp, in seconds or milliseconds; else from `now` (ms). */
export function mapTimestamp(candidates: unknown[], now: () => number): number {
  for (const value of candidates) {
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
      return Math.floor(value >= millisecondsThreshold ? value / 1000 : value);
    }
  }
  return Math.floor(now() / 1000);
}
