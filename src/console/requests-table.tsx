import type { ConsoleRequest } from '../server/console/console-api-types.ts';
import { formatCount, formatMilliseconds, formatTime } from './format.ts';
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

function RequestRow({ row }: { row: ConsoleRequest }) {
  const href = `#/requests/${encodeURIComponent(row.id)}`;
  // The whole row is a click target for the mouse; the id cell holds the link keyboards reach.
  const open = () => {
    location.hash = href;
  };
  return (
    <tr data-testid="request-row" class="clickable" onClick={open}>
      <td class="nowrap">{formatTime(row.time)}</td>
      <td>{row.key ?? '—'}</td>
      <td>{row.protocol ?? '—'}</td>
      <td class="nowrap">
        {row.method} {row.route}
        {row.stream && <span class="badge">stream</span>}
      </td>
      <td>{row.model ?? '—'}</td>
      <td>
        <span class={row.status >= 400 ? 'status status-error' : 'status status-ok'}>{row.status}</span>
      </td>
      <td class="number">{formatMilliseconds(row.durationMs)}</td>
      <td class="number">{formatMilliseconds(row.overheadMs)}</td>
      <td class="number">{formatCount(row.inputTokens)}</td>
      <td class="number">{formatCount(row.outputTokens)}</td>
      <td class="mono">
        <a href={href}>{row.id}</a>
      </td>
    </tr>
  );
}
