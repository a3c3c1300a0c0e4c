import { useState } from 'preact/hooks';
import type { ConsoleRequestList } from '../server/console/console-api-types.ts';
import type { ApiClient } from './api-client.ts';
import { ErrorMessage } from './error-message.tsx';
import { PageTitle } from './page-title.tsx';
import { RequestFilters, type RequestFilterValues, toRequestQuery } from './request-filters.tsx';
import { RequestsTable } from './requests-table.tsx';
import { usePolling } from './use-polling.ts';

const listedRequests = 200;

/** The last requests, filtered, refreshed every 2 s. */
export function RequestsPage({ client }: { client: ApiClient }) {
  const [filters, setFilters] = useState<RequestFilterValues>({
    model: '',
    key: '',
    protocol: '',
    status: '',
  });
  const query = toRequestQuery(filters, listedRequests);
  const { data, error } = usePolling(
    (signal) => client.getJson<ConsoleRequestList>(`/ui/api/requests?${query}`, signal),
    2000,
    query,
  );
  return (
    <>
      <PageTitle title="Requests">
        {data && (
          <p class="muted">
            {data.capturingBodies
              ? 'Bodies are captured (redacted and bounded).'
              : 'Bodies are not captured (CONSOLE_CAPTURE_BODIES=true to capture).'}
          </p>
        )}
      </PageTitle>
      <RequestFilters value={filters} onChange={setFilters} />
      <ErrorMessage message={error} about="The requests could not be loaded" />
      <div class="card">{data ? <RequestsTable rows={data.rows} /> : <p class="muted">Loading…</p>}</div>
    </>
  );
}
