import { describe, expect, it } from 'vitest';
import { orgTokenFile } from './org-token-file.ts';

describe('orgTokenFile', () => {
  it('puts the org name before the extension', () => {
    expect(orgTokenFile('/home/a/.sfgw/token-cache.json', 'eu')).toBe('/home/a/.sfgw/token-cache.eu.json');
  });

  it('appends the org name to a file without an extension', () => {
    expect(orgTokenFile('/var/lib/sfgw/token', 'us-east')).toBe('/var/lib/sfgw/token.us-east');
  });

  it('leaves dots in folder names alone', () => {
    expect(orgTokenFile('/srv/v1.2/token', 'a')).toBe('/srv/v1.2/token.a');
  });
});
