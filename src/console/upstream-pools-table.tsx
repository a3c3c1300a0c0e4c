import type { ConsoleOverview } from '../server/console/console-api-types.ts';

const columns = ['connected', 'free', 'pending', 'queued', 'running', 'size'] as const;

/** The upstream connection pools, one row per origin. */
export function UpstreamPoolsTable({ pools }: { pools: ConsoleOverview['pools'] }) {
  return (
    <table class="data-table compact-table" data-testid="upstream-pools">
      <caption>Upstream pools</caption>
      <thead>
        <tr>
          <th scope="col">Origin</th>
          {columns.map((column) => (
            <th scope="col" class="number" key={column}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {pools.map((pool) => (
          <tr key={pool.origin}>
            <td class="wrap-anywhere">{pool.origin}</td>
            {columns.map((column) => (
              <td class="number" key={column}>
                {pool[column]}
              </td>
            ))}
          </tr>
        ))}
        {pools.length === 0 && (
          <tr class="empty">
            <td colSpan={columns.length + 1}>No upstream connections yet.</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
