import type { ApiClient } from './api-client.ts';
import { ErrorMessage } from './error-message.tsx';
import { PageTitle } from './page-title.tsx';
import { ScrollRegion } from './scroll-region.tsx';
import { useModelCatalog } from './use-model-catalog.ts';

/** The model catalog. */
export function ModelsPage({ client }: { client: ApiClient }) {
  const { data, error } = useModelCatalog(client);
  return (
    <>
      <PageTitle title="Models" />
      <ErrorMessage message={error} about="The models could not be loaded" />
      <div class="card">
        <ScrollRegion label="Model catalog">
          <table class="data-table" data-testid="models-table">
            <caption class="visually-hidden">Model catalog</caption>
            <thead>
              <tr>
                <th scope="col">Id</th>
                <th scope="col">Upstream model</th>
                <th scope="col">Aliases</th>
                <th scope="col">Surface</th>
                <th scope="col">Kind</th>
                <th scope="col">Tools</th>
                <th scope="col">Streaming</th>
                <th scope="col">Structured output</th>
              </tr>
            </thead>
            <tbody>
              {(data?.models ?? []).map((model) => (
                <tr key={model.id}>
                  <td class="mono">{model.id}</td>
                  <td class="mono">{model.upstreamModel}</td>
                  <td>{model.aliases.length > 0 ? model.aliases.join(', ') : '—'}</td>
                  <td>{model.surface}</td>
                  <td>{model.kind}</td>
                  <td>{model.capabilities.tools}</td>
                  <td>{model.capabilities.streaming}</td>
                  <td>{model.capabilities.structuredOutput}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </div>
    </>
  );
}
