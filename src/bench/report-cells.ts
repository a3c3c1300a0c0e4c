import { formatTable } from '../cli/format-table.ts';
import type { TargetRun } from './measure-target.ts';

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

/** The last columns of a bench table: what the target's process tree cost, and the load generator's share. */
export const costHeader = ['cpu ms/req', 'peak RSS MiB', 'errors', 'loadgen cpu'];

/** The cells under costHeader for one run. */
export function costCells(run: TargetRun): string[] {
  return [
    run.cpuMsPerRequest.toFixed(3),
    formatMib(run.peakRssBytes),
    `${run.errors}/${run.requests}`,
    `${Math.round(run.loadGeneratorCpuShare * 100)}%`,
  ];
}

/** A table as lines indented by two spaces, under its case's title. */
export function formatIndentedTable(header: string[], rows: string[][]): string[] {
  return formatTable(header, rows)
    .trimEnd()
    .split('\n')
    .map((line) => `  ${line}`);
}
