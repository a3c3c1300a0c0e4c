import type { ConsoleModelList } from '../server/console/console-api-types.ts';
import type { ApiClient } from './api-client.ts';
import { type Polled, usePolling } from './use-polling.ts';

/** The model catalog, loaded once: it is fixed while the gateway runs. */
export function useModelCatalog(client: ApiClient): Polled<ConsoleModelList> {
  return usePolling((signal) => client.getJson<ConsoleModelList>('/ui/api/models', signal), null, 'models');
}
