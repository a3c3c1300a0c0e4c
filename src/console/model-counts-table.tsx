import type { ConsoleOverview } from '../server/console/console-api-types.ts';
import { type DataColumn, DataTable } from './data-table.tsx';
import { formatCount } from './format.ts';

type ModelCount = ConsoleOverview['models'][number];

const columns: DataColumn<ModelCount>[] = [
  { heading: 'Model', cell: (row) => row.model },
  { heading: 'Requests', number: true, cell: (row) => formatCount(row.requests) },
];

/** Requests per public model name since start. */
export function ModelCountsTable({ models }: { models: ConsoleOverview['models'] }) {
  return (
    <DataTable
      caption="Requests per model"
      testId="model-counts"
      columns={columns}
      rows={models}
      rowKey={(row) => row.model}
      empty="No requests yet."
    />
  );
}
