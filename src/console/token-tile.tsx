import type { ConsoleOverview } from '../server/console/console-api-types.ts';
import { formatCountdown } from './format.ts';
import { StatTile } from './stat-tile.tsx';
import { useNow } from './use-now.ts';

/** The access token's state, counting down to expiry and to the background refresh every second. */
export function TokenTile({
  token,
  clockOffset,
  label,
}: {
  token: ConsoleOverview['token'];
  clockOffset: number;
  label: string;
}) {
  // Counted on the gateway's clock: the offset is the gateway's time minus ours at the last poll.
  const now = useNow() + clockOffset;
  const countdown = (at: number | null) => (at === null ? '—' : formatCountdown(at - now));
  return (
    <StatTile
      testId="stat-token"
      label={label}
      value={token.refreshing ? `${token.state} (refreshing)` : token.state}
      detail={
        <>
          expires in <span data-testid="token-expires-in">{countdown(token.expiresAt)}</span> · refresh in{' '}
          <span data-testid="token-refresh-in">{countdown(token.refreshAt)}</span> · {token.fetches} fetches
        </>
      }
    />
  );
}
