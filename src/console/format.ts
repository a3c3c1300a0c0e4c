/** Milliseconds as "12.3 ms", or a dash when unknown. */
export function formatMilliseconds(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
}

/** A count with thousands separators, or a dash when unknown. */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toLocaleString('en-US');
}

/** A share 0..1 as a percentage, or a dash when unknown. */
export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)} %`;
}

/** A duration in milliseconds as "1h 02m 03s"; "now" once it is past. */
export function formatCountdown(milliseconds: number): string {
  if (milliseconds <= 0) return 'now';
  const seconds = Math.floor(milliseconds / 1000);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m ${rest}s`;
  return minutes > 0 ? `${minutes}m ${rest}s` : `${seconds}s`;
}

/** An epoch-millisecond time as the local wall clock, with milliseconds. */
export function formatTime(epochMilliseconds: number): string {
  const time = new Date(epochMilliseconds);
  const clock = time.toLocaleTimeString('en-GB', { hour12: false });
  return `${clock}.${String(time.getMilliseconds()).padStart(3, '0')}`;
}

/** Bytes as MiB. */
export function formatMebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
