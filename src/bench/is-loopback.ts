import { isLoopbackHost } from '../config/build-access-config.ts';

/** Whether a URL points at this machine. */
export function isLoopback(url: string): boolean {
  return isLoopbackHost(new URL(url).hostname);
}
