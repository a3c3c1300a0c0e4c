import type { ConsoleOrg, ConsoleOrgCircuit } from '../server/console/console-api-types.ts';
import { type DataColumn, DataTable } from './data-table.tsx';
import { formatCount, formatCountdown } from './format.ts';
import { useNow } from './use-now.ts';

const cooldownReasons: Record<NonNullable<ConsoleOrg['cooldown']>['reason'], string> = {
  rate_limit: 'rate limited',
  credentials: 'credentials refused',
};

const counts = [
  ['inFlight', 'In flight'],
  ['requests', 'Requests'],
  ['failures', 'Failures'],
  ['rateLimited', '429s'],
] as const;

// The cooldown counts down on `now`, the gateway's clock between polls; the rest is as polled.
function orgColumns(now: number): DataColumn<ConsoleOrg>[] {
  return [
    { heading: 'Org', wrap: true, cell: (org) => org.name },
    { heading: 'Weight', number: true, cell: (org) => formatCount(org.weight) },
    { heading: 'Models', wrap: true, cell: (org) => org.models?.join(', ') ?? 'all' },
    ...counts.map(([count, heading]) => ({
      heading,
      number: true,
      cell: (org: ConsoleOrg) => formatCount(org[count]),
    })),
    {
      heading: 'Cooldown',
      cell: (org) =>
        org.cooldown === null ? (
          '—'
        ) : (
          <>
            {cooldownReasons[org.cooldown.reason]}, ends in{' '}
            <span data-testid="org-cooldown-ends-in">
              {formatCountdown(Date.parse(org.cooldown.until) - now)}
            </span>
          </>
        ),
    },
    {
      heading: 'Token',
      cell: (org) =>
        org.token.lastError === null ? org.token.state : `${org.token.state}: ${org.token.lastError}`,
    },
    { heading: 'Breaker', wrap: true, cell: describeBreakers },
  ];
}

/** The orgs of the pool, one row each, their cooldowns counting down every second. */
export function OrgPoolTable({ orgs, clockOffset }: { orgs: ConsoleOrg[]; clockOffset: number }) {
  // Counted on the gateway's clock: the offset is the gateway's time minus ours at the last poll.
  const now = useNow() + clockOffset;
  return (
    <DataTable
      caption="Orgs"
      captionHidden
      testId="org-pool"
      compact
      columns={orgColumns(now)}
      rows={orgs}
      rowKey={(org) => org.name}
    />
  );
}

function describeBreakers(org: ConsoleOrg): string {
  if (org.nativeCircuit === null) return describeCircuit(org.circuit);
  return `models: ${describeCircuit(org.circuit)} · native: ${describeCircuit(org.nativeCircuit)}`;
}

function describeCircuit(circuit: ConsoleOrgCircuit): string {
  return circuit.openModels.length === 0
    ? circuit.state
    : `${circuit.state} (${circuit.openModels.join(', ')})`;
}
