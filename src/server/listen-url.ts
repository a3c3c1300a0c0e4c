/** The URL a client on this machine uses to reach a server bound to host:port. */
export function formatListenUrl(host: string, port: number): string {
  // A wildcard bind (IPv4 or dual-stack) is reachable on IPv4 loopback; IPv6 literals need brackets.
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}
