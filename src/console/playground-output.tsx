import { ErrorMessage } from './error-message.tsx';
import { RawBlock } from './raw-block.tsx';
import { type PlaygroundResult, shownHeaders } from './send-playground-request.ts';

/** What the playground sent and what came back: answer, tool calls, headers, raw exchange and curl. */
export function PlaygroundOutput({
  result,
  rawRequest,
  curl,
}: {
  result: PlaygroundResult;
  rawRequest: string;
  curl: string;
}) {
  const requestId = result.headers['x-request-id'];
  return (
    <div class="playground-output">
      <ErrorMessage message={result.error} />
      {/* One announcement when the answer is complete, not one per streamed fragment. */}
      <p class="visually-hidden" role="status">
        {result.done ? 'The answer is complete.' : ''}
      </p>
      <section
        class="card"
        aria-labelledby="answer-heading"
        aria-busy={!result.done}
        data-testid="playground-exchange"
      >
        <h2 id="answer-heading">Answer{result.done ? '' : ' (streaming…)'}</h2>
        <p class="answer" data-testid="playground-answer">
          {result.answer.text}
        </p>
        <h3>Tool calls</h3>
        <ul class="tool-calls" data-testid="playground-tool-calls">
          {result.answer.toolCalls.map((call) => (
            <li key={call.index}>
              <span class="mono strong">{call.name}</span> <code>{call.arguments}</code>
            </li>
          ))}
          {result.answer.toolCalls.length === 0 && <li class="muted">None.</li>}
        </ul>
      </section>
      <section class="card" aria-labelledby="headers-heading">
        <h2 id="headers-heading">Response headers</h2>
        <dl class="fields" data-testid="playground-headers">
          <div>
            <dt>status</dt>
            <dd>{result.status ?? '—'}</dd>
          </div>
          {shownHeaders.map((name) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd class="mono">
                {name === 'x-request-id' && requestId ? (
                  <a href={`#/requests/${encodeURIComponent(requestId)}`}>{requestId}</a>
                ) : (
                  (result.headers[name] ?? '—')
                )}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <RawBlock title="Raw request" testId="playground-raw-request" text={rawRequest} />
      <RawBlock title="Raw events" testId="playground-raw-events" text={result.raw} />
      <RawBlock title="curl" testId="playground-curl" text={curl} />
    </div>
  );
}
