// DNS rebinding: a web page on an attacker's domain makes that name resolve to 127.0.0.1 and
// then calls the gateway from the victim's browser; the browser sends the attacker's name in
// Host. A gateway without API keys therefore answers only Host names no outside page can own:
// localhost, *.localhost, IP addresses (a literal address never re-resolves) and ALLOWED_HOSTS.
// With API keys there is nothing to check: the page has no key. Probes and the scrape stay open
// to any Host, as they are to any caller, because orchestrators reach them by service name.
import { isIP } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../core/errors.ts';
import { replyWithClientError } from '../protocols/client-protocol.ts';
import { requestPath } from './request-path.ts';

/** What the Host check needs from the gateway. */
export interface HostCheckOptions {
  /** ALLOWED_HOSTS entries, lower-cased: names, ".domain" for a domain and its subdomains. */
  allowedHosts: readonly string[];
  /** Paths answered whatever the Host. */
  openPaths: readonly string[];
}

// Enough of a refused Host to recognise it, not a header's worth of it.
const shownHostLength = 100;

/** Refuses requests whose Host is not a loopback name, an IP address or an allowed name. */
export function registerHostCheck(app: FastifyInstance, options: HostCheckOptions): void {
  if (options.allowedHosts.includes('*')) return;
  const openPaths = new Set(options.openPaths);
  app.addHook('onRequest', async (request, reply) => {
    const host = request.headers.host;
    // Browsers always send Host; only HTTP/1.0 tools may not, and they are no rebinding risk.
    if (host === undefined || openPaths.has(requestPath(request.url))) return;
    if (isAnsweredHost(hostName(host), options.allowedHosts)) return;
    const shown = JSON.stringify(host.slice(0, shownHostLength));
    const error = new GatewayError(
      'permission',
      `The Host header ${shown} is not a name this gateway answers to: without API_KEYS it answers only localhost, *.localhost and IP addresses, so that no web page can reach it through DNS rebinding. Add the name to ALLOWED_HOSTS, or set API_KEYS.`,
      { code: 'host_not_allowed' },
    );
    return replyWithClientError(request, reply, error);
  });
}

/** The name in a Host header, lower-cased, without its port, brackets or final dot. */
export function hostName(host: string): string {
  const lowered = host.trim().toLowerCase();
  const name = lowered.startsWith('[')
    ? lowered.slice(1, lowered.indexOf(']'))
    : lowered.replace(/:\d*$/, '');
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

function isAnsweredHost(name: string, allowedHosts: readonly string[]): boolean {
  if (name === 'localhost' || name.endsWith('.localhost') || isIP(name) !== 0) return true;
  return allowedHosts.some((allowed) =>
    allowed.startsWith('.') ? name === allowed.slice(1) || name.endsWith(allowed) : name === allowed,
  );
}
