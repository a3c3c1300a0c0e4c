import { splitCommaList } from './comma-list.ts';

// ALLOWED_HOSTS: comma-separated host names, lower-cased; a leading dot also allows subdomains
// (".example.com" allows example.com and a.example.com); "*" allows any name.

const hostPattern = /^(\*|\.?[\w-]+(?:\.[\w-]+)*)$/;

/** The entries of a comma-separated host list, lower-cased; undefined when one is not a host name. */
export function parseHostList(value: string): string[] | undefined {
  const entries = splitCommaList(value).map((entry) => entry.toLowerCase());
  return entries.every((entry) => hostPattern.test(entry)) ? entries : undefined;
}
