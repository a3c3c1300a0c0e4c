import { isIP } from 'node:net';
import { splitCommaList } from './comma-list.ts';

// TRUST_PROXY: the reverse proxies whose X-Forwarded-For names the real client, as addresses,
// CIDR ranges, or the names loopback, linklocal and uniquelocal (the forms Fastify accepts).

const rangeNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** The entries of TRUST_PROXY; undefined when one is not an address, a range or a range name. */
export function parseTrustedProxies(value: string): string[] | undefined {
  const entries = splitCommaList(value);
  return entries.every(isProxyEntry) ? entries : undefined;
}

function isProxyEntry(entry: string): boolean {
  if (rangeNames.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}
