import type { ConsoleRequest } from '../server/console/console-api-types.ts';
import { formatCount, formatMilliseconds, formatTime } from './format.ts';

/** One recent request; a click anywhere on it opens its detail. */
export function RequestRow({ row }: { row: ConsoleRequest }) {
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
