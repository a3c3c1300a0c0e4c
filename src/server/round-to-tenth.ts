/** Milliseconds with one decimal, as the access log and the console show them. */
export function roundToTenth(milliseconds: number): number {
  return Math.round(milliseconds * 10) / 10;
}
