import type { ConsoleRequestDetail } from '../server/console/console-api-types.ts';
import { formatCount, formatMilliseconds, formatTime } from './format.ts';

/** Every field of one request, and its bodies when they were captured. */
export function RequestDetail({ detail }: { detail: ConsoleRequestDetail }) {
  const fields: [string, string][] = [
    ['Request id', detail.id],
    ['Time', `${new Date(detail.time).toISOString()} (${formatTime(detail.time)} local)`],
    ['Key', detail.key ?? '—'],
    ['Protocol', detail.protocol ?? '—'],
    ['Method', detail.method],
    ['Route', detail.route],
    ['Model', detail.model ?? '—'],
    ['Status', String(detail.status)],
    ['Stream', detail.stream ? 'yes' : 'no'],
    ['Duration', formatMilliseconds(detail.durationMs)],
    ['Gateway overhead', formatMilliseconds(detail.overheadMs)],
    ['Tokens in', formatCount(detail.inputTokens)],
    ['Tokens out', formatCount(detail.outputTokens)],
  ];
  const captured = detail.requestBody !== null || detail.responseBody !== null;
  return (
    <div class="card" data-testid="request-detail">
      <dl class="fields">
        {fields.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {captured ? (
        <>
          {detail.truncated && <p class="notice">A body was cut at the capture bound.</p>}
          <h2>Request body</h2>
          <pre class="code">{formatBody(detail.requestBody)}</pre>
          <h2>Response body</h2>
          <pre class="code">{formatBody(detail.responseBody)}</pre>
        </>
      ) : (
        <p class="notice">
          Bodies are not captured. Start the gateway with CONSOLE_CAPTURE_BODIES=true to capture them
          (redacted and bounded).
        </p>
      )}
    </div>
  );
}

// A captured JSON body reads better indented; a cut one (no longer JSON) or an SSE stream shows as it is.
function formatBody(body: string | null): string {
  if (body === null) return '(none)';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
