import type { ConsoleRequest } from '../server/console/console-api-types.ts';
import { RequestRow } from './request-row.tsx';
import { ScrollRegion } from './scroll-region.tsx';

const headings = [
  'Time',
  'Key',
  'Protocol',
  'Route',
  'Model',
  'Status',
  'Duration',
  'Overhead',
  'Tokens in',
  'Tokens out',
  'Request id',
];
const numberHeadings = new Set(['Duration', 'Overhead', 'Tokens in', 'Tokens out']);

/** The recent requests; a click on a row (or its id link) opens its detail. */
export function RequestsTable({ rows }: { rows: ConsoleRequest[] }) {
  return (
    <ScrollRegion label="Recent requests">
      <table class="data-table requests-table">
        <caption class="visually-hidden">Recent requests, newest first</caption>
        <thead>
          <tr>
            {headings.map((heading) => (
              <th scope="col" key={heading} class={numberHeadings.has(heading) ? 'number' : undefined}>
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <RequestRow row={row} key={row.id} />
          ))}
          {rows.length === 0 && (
            <tr class="empty">
              <td colSpan={headings.length}>No requests match.</td>
            </tr>
          )}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
