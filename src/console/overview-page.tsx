import { useMemo } from 'preact/hooks';
import type { ConsoleOverview } from '../server/console/console-api-types.ts';
import type { ApiClient } from './api-client.ts';
import { ErrorMessage } from './error-message.tsx';
import { formatCount, formatMebibytes } from './format.ts';
import { ModelCountsTable } from './model-counts-table.tsx';
import { OrgPoolTable } from './org-pool-table.tsx';
import { OverviewTiles } from './overview-tiles.tsx';
import { PageTitle } from './page-title.tsx';
import { ScrollRegion } from './scroll-region.tsx';
import { TimeSeriesChart } from './time-series-chart.tsx';
import { UpstreamPoolsTable } from './upstream-pools-table.tsx';
import { type OverviewPoints, useOverviewHistory } from './use-overview-history.ts';
import { usePolling } from './use-polling.ts';

const requestSeries = [
  { label: 'requests/s', stroke: '#2563eb' },
  { label: 'errors/s', stroke: '#dc2626' },
];
const latencySeries = [
  { label: 'latency p50', stroke: '#2563eb' },
  { label: 'latency p99', stroke: '#7c3aed', dash: [6, 4] },
  { label: 'overhead p50', stroke: '#0f766e' },
];

/** The live overview, polled every second. */
export function OverviewPage({ client, points }: { client: ApiClient; points: OverviewPoints }) {
  const { data, error } = usePolling(
    (signal) => client.getJson<ConsoleOverview>('/ui/api/overview', signal),
    1000,
    'overview',
  );
  const history = useOverviewHistory(data, points);
  // The gateway's clock minus ours, so countdowns tick on the gateway's time between polls.
  const clockOffset = useMemo(() => (data ? data.time - Date.now() : 0), [data]);
  return (
    <>
      <PageTitle title="Overview">
        {data && (
          <p class="muted">
            {data.mode} · {data.surface} surface · v{data.version} · up{' '}
            {formatCount(Math.round(data.uptimeSeconds))} s · RSS {formatMebibytes(data.memoryBytes.rss)}
          </p>
        )}
      </PageTitle>
      <ErrorMessage message={error} about="The overview could not be loaded" />
      {data && <OverviewTiles overview={data} clockOffset={clockOffset} />}
      {/* one org needs no table: the token and circuit breaker tiles describe it */}
      {data && data.orgs.length > 1 && (
        <section class="card" aria-labelledby="orgs-heading">
          <h2 id="orgs-heading">Orgs</h2>
          <ScrollRegion label="Orgs">
            <OrgPoolTable orgs={data.orgs} clockOffset={clockOffset} />
          </ScrollRegion>
        </section>
      )}
      <section class="charts" aria-label="Charts">
        <TimeSeriesChart
          testId="chart-requests"
          title="Requests and errors per second"
          unit="per second"
          series={requestSeries}
          data={history.requests}
        />
        <TimeSeriesChart
          testId="chart-latency"
          title="Latency and gateway overhead"
          unit="ms"
          series={latencySeries}
          data={history.latency}
        />
      </section>
      {data && (
        <section class="tables" aria-label="Models and pools">
          <div class="card">
            <ScrollRegion label="Requests per model">
              <ModelCountsTable models={data.models} />
            </ScrollRegion>
          </div>
          <div class="card">
            <ScrollRegion label="Upstream pools">
              <UpstreamPoolsTable pools={data.pools} />
            </ScrollRegion>
          </div>
        </section>
      )}
    </>
  );
}
