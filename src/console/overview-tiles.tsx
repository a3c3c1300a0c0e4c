import type { CircuitView, ConsoleOverview, Percentiles } from '../server/console/console-api-types.ts';
import { formatCount, formatMilliseconds, formatPercent } from './format.ts';
import { StatTile } from './stat-tile.tsx';
import { TokenTile } from './token-tile.tsx';

// The three timings shown the same way: the median, and the tail under it.
const percentileTiles: {
  testId: string;
  label: string;
  percentiles: (overview: ConsoleOverview) => Percentiles;
}[] = [
  { testId: 'stat-latency-p50', label: 'Latency p50', percentiles: (overview) => overview.latencyMs },
  {
    testId: 'stat-overhead-p50',
    label: 'Gateway overhead p50',
    percentiles: (overview) => overview.overheadMs,
  },
  {
    testId: 'stat-ttft-p50',
    label: 'Time to first token p50',
    percentiles: (overview) => overview.timeToFirstTokenMs,
  },
];

/** The overview's figures, one tile each. */
export function OverviewTiles({ overview, clockOffset }: { overview: ConsoleOverview; clockOffset: number }) {
  const { requests, admission } = overview;
  // In a pool these two tiles are the first org's; the Orgs table has them all.
  const firstOrg = overview.orgs.length > 1 ? ` (${overview.orgs[0]?.name})` : '';
  return (
    <section class="tiles" aria-label="Current figures">
      <StatTile
        testId="stat-requests-per-second"
        label="Requests / s"
        value={requests.perSecond.toFixed(2)}
        detail="last 10 s"
      />
      <StatTile
        testId="stat-requests-total"
        label="Requests"
        value={formatCount(requests.total)}
        detail={`${formatCount(requests.errors)} errors since start`}
      />
      <StatTile
        testId="stat-error-rate"
        label="Error rate"
        value={formatPercent(requests.errorRate)}
        detail="last 60 s"
      />
      {percentileTiles.map((tile) => {
        const percentiles = tile.percentiles(overview);
        return (
          <StatTile
            key={tile.testId}
            testId={tile.testId}
            label={tile.label}
            value={formatMilliseconds(percentiles.p50)}
            detail={describeTail(percentiles)}
          />
        );
      })}
      <StatTile
        testId="stat-streams-in-flight"
        label="Streams in flight"
        value={formatCount(overview.streamsInFlight)}
      />
      <StatTile
        testId="stat-admission"
        label="Admission"
        value={`${admission.running} / ${admission.maxInFlight}`}
        detail={`running · ${admission.queued} / ${admission.maxQueued} queued`}
      />
      <TokenTile token={overview.token} clockOffset={clockOffset} label={`Access token${firstOrg}`} />
      <StatTile
        testId="stat-circuit"
        label={`Circuit breaker${firstOrg}`}
        value={overview.circuit.state}
        detail={[
          describeCircuit('models', overview.circuit),
          overview.nativeCircuit && describeCircuit('native', overview.nativeCircuit),
        ]
          .filter(Boolean)
          .join(' · ')}
      />
      <StatTile testId="stat-redis" label="Redis" value={overview.redis} />
    </section>
  );
}

function describeTail(percentiles: Percentiles): string {
  return `p90 ${formatMilliseconds(percentiles.p90)} · p99 ${formatMilliseconds(percentiles.p99)} · ${percentiles.samples} samples`;
}

function describeCircuit(name: string, circuit: CircuitView): string {
  return `${name}: ${circuit.state}, ${circuit.consecutiveFailures} consecutive failures`;
}
