// A pooled stream fails over only until its first event: until then nothing reached the client,
// so another org may answer instead. From the first event on, events (an error event included)
// pass through untouched, and the org's call ends when the stream ends however it ends.
import { GatewayError } from '../../core/errors.ts';
import type { StreamEvent } from '../../core/model.ts';
import type { CallContext, Provider } from '../../core/provider.ts';
import { callWithFailover, type FailoverPool } from './call-with-failover.ts';

/** Opens one org's stream; undefined when that org's provider cannot stream this way. */
export type OpenStream = (provider: Provider) => AsyncIterable<StreamEvent> | undefined;

interface OpenedStream {
  iterator: AsyncIterator<StreamEvent>;
  first: IteratorResult<StreamEvent>;
}

/** The events of the first org whose stream yields a first event. */
export async function* streamWithFailover(
  pool: FailoverPool,
  model: string,
  context: CallContext,
  open: OpenStream,
): AsyncGenerator<StreamEvent> {
  const { org, value } = await callWithFailover(pool, model, context, (provider) =>
    openUntilFirstEvent(provider, open),
  );
  const { iterator, first } = value;
  let outcome: 'answered' | 'failed' = 'answered';
  let innerFinished = false;
  try {
    for (let next = first; !next.done; next = await iterator.next()) yield next.value;
    innerFinished = true;
  } catch (error) {
    outcome = 'failed';
    throw error;
  } finally {
    pool.router.end(org, outcome);
    // The consumer returned early (or the inner stream threw): let the org's stream release its call.
    if (!innerFinished) await iterator.return?.();
  }
}

async function openUntilFirstEvent(provider: Provider, open: OpenStream): Promise<OpenedStream> {
  const stream = open(provider);
  if (stream === undefined) {
    throw new GatewayError(
      'internal',
      `The org pool's provider "${provider.name}" cannot stream, unlike the pool's first org.`,
    );
  }
  const iterator = stream[Symbol.asyncIterator]();
  return { iterator, first: await iterator.next() };
}
