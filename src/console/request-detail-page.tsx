import type { ConsoleRequestDetail } from '../server/console/console-api-types.ts';
import type { ApiClient } from './api-client.ts';
import { ErrorMessage } from './error-message.tsx';
import { PageTitle } from './page-title.tsx';
import { RequestDetail } from './request-detail.tsx';
import { usePolling } from './use-polling.ts';

/** One request with every field, and its bodies when they were captured. */
export function RequestDetailPage({ client, id }: { client: ApiClient; id: string }) {
  // Fetched once: a finished request does not change.
  const { data, error } = usePolling(
    (signal) => client.getJson<ConsoleRequestDetail>(`/ui/api/requests/${encodeURIComponent(id)}`, signal),
    null,
    id,
  );
  return (
    <>
      <PageTitle title={`Request ${id}`}>
        <a href="#/requests">Back to the list</a>
      </PageTitle>
      <ErrorMessage message={error} about="The request could not be loaded" />
      {data && <RequestDetail detail={data} />}
    </>
  );
}
