/** RUST_LOG filter that makes Codex's HTTP stack log each lookup and connection it starts. */
export const connectionLogFilter = 'reqwest::connect=debug,hyper_util::client::legacy::connect=debug';

// hyper-util logs `resolving host="…"` (DNS), `connecting to ADDR`; reqwest logs
// `starting new connection: URL`. Together they name every host Codex's own client looks up or
// dials, proxied or not.
const connectionPatterns = [
  /resolving host="?([^"\s]+)"?/g,
  /connecting to (\S+)/g,
  /starting new connection: (\S+)/g,
];

const loopbackHost = /^(?:[a-z]+:\/\/)?(?:127\.\d+\.\d+\.\d+|localhost|\[::1\]|::1)(?::\d+)?(?:\/.*)?$/i;

/** Every host, address or URL named by those log lines, in order. */
export function readConnectionTargets(log: string): string[] {
  return connectionPatterns.flatMap((pattern) => [...log.matchAll(pattern)].map((match) => match[1] ?? ''));
}

/** The targets that are not on loopback. */
export function nonLoopbackTargets(targets: string[]): string[] {
  return targets.filter((target) => !loopbackHost.test(target));
}
