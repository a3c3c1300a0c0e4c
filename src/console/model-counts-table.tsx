import type { ConsoleOverview } from '../server/console/console-api-types.ts';
import { formatCount } from './format.ts';

/** Requests per public model name since start. */
export function ModelCountsTable({ models }: { models: ConsoleOverview['models'] }) {
  return (
    <table class="data-table" data-testid="model-counts">
      <caption>Requests per model</caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col" class="number">
            Requests
          </th>
        </tr>
      </thead>
      <tbody>
        {models.map((row) => (
          <tr key={row.model}>
            <td>{row.model}</td>
            <td class="number">{formatCount(row.requests)}</td>
          </tr>
        ))}
        {models.length === 0 && (
          <tr class="empty">
            <td colSpan={2}>No requests yet.</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
