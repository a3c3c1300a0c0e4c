import type { ConsoleOverview } from '../server/console/console-api-types.ts';
import { type DataColumn, DataTable } from './data-table.tsx';

type Pool = ConsoleOverview['pools'][number];

const counts = [
  ['connected', 'Connected'],
  ['free', 'Free'],
  ['pending', 'Pending'],
  ['queued', 'Queued'],
  ['running', 'Running'],
  ['size', 'Size'],
] as const;

// Compact, the origin wrapping: six counts and an origin fit half of a 1280 px page.
const columns: DataColumn<Pool>[] = [
  { heading: 'Origin', wrap: true, cell: (pool) => pool.origin },
  ...counts.map(([count, heading]) => ({ heading, number: true, cell: (pool: Pool) => pool[count] })),
];

/** The upstream connection pools, one row per origin. */
export function UpstreamPoolsTable({ pools }: { pools: ConsoleOverview['pools'] }) {
  return (
    <DataTable
      caption="Upstream pools"
      testId="upstream-pools"
      compact
      columns={columns}
      rows={pools}
      rowKey={(pool) => pool.origin}
      empty="No upstream connections yet."
    />
  );
}
