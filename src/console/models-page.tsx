import type { ConsoleModel } from '../server/console/console-api-types.ts';
import type { ApiClient } from './api-client.ts';
import { type DataColumn, DataTable } from './data-table.tsx';
import { ErrorMessage } from './error-message.tsx';
import { PageTitle } from './page-title.tsx';
import { ScrollRegion } from './scroll-region.tsx';
import { useModelCatalog } from './use-model-catalog.ts';

const columns: DataColumn<ConsoleModel>[] = [
  { heading: 'Id', wrap: true, cell: (model) => <span class="mono">{model.id}</span> },
  { heading: 'Upstream model', wrap: true, cell: (model) => <span class="mono">{model.upstreamModel}</span> },
  { heading: 'Aliases', cell: (model) => (model.aliases.length > 0 ? model.aliases.join(', ') : '—') },
  { heading: 'Surface', cell: (model) => model.surface },
  { heading: 'Kind', cell: (model) => model.kind },
  { heading: 'Tools', cell: (model) => model.capabilities.tools },
  { heading: 'Streaming', cell: (model) => model.capabilities.streaming },
  { heading: 'Structured output', cell: (model) => model.capabilities.structuredOutput },
];

/** The model catalog. */
export function ModelsPage({ client }: { client: ApiClient }) {
  const { data, error } = useModelCatalog(client);
  return (
    <>
      <PageTitle title="Models" />
      <ErrorMessage message={error} about="The models could not be loaded" />
      <div class="card">
        <ScrollRegion label="Model catalog">
          <DataTable
            caption="Model catalog"
            captionHidden
            testId="models-table"
            columns={columns}
            rows={data?.models ?? []}
            rowKey={(model) => model.id}
          />
        </ScrollRegion>
      </div>
    </>
  );
}
