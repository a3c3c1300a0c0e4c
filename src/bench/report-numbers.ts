const mebibyte = 2 ** 20;

/** Milliseconds to two decimals, "n/a" when not a number. */
export const formatMs = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');

/** A difference to two decimals with its sign, "n/a" when not a number. */
export const formatSigned = (value: number) =>
  Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(2)}` : 'n/a';

/** Bytes as MiB to one decimal. */
export const formatMib = (bytes: number) => (bytes / mebibyte).toFixed(1);

/** value / reference, NaN when the reference is not positive. */
export const ratio = (value: number, reference: number) =>
  reference > 0 && Number.isFinite(value) ? value / reference : Number.NaN;
