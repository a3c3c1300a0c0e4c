import { describe, expect, it } from 'vitest';
import { resolveServicePaths } from './service-paths.ts';

describe('resolveServicePaths', () => {
  it('puts the files under HOME by default', () => {
    const paths = resolveServicePaths({}, { HOME: '/home/ana' });
    expect(paths).toEqual({
      pidFile: '/home/ana/.sfgw/sfgw.pid',
      logFile: '/home/ana/.sfgw/sfgw.log',
      recordFile: '/home/ana/.sfgw/sfgw.pid.json',
    });
  });

  it('uses the system folders when ENVIRONMENT=production', () => {
    const paths = resolveServicePaths({}, { HOME: '/home/ana', ENVIRONMENT: 'production' });
    expect(paths.pidFile).toBe('/var/run/sfgw/sfgw.pid');
    expect(paths.logFile).toBe('/var/log/sfgw/sfgw.log');
  });

  it('lets the flags win, resolved to absolute paths', () => {
    const paths = resolveServicePaths(
      { pidFile: '/tmp/gw.pid', logFile: 'relative.log' },
      { ENVIRONMENT: 'production' },
    );
    expect(paths.pidFile).toBe('/tmp/gw.pid');
    expect(paths.logFile).toBe(`${process.cwd()}/relative.log`);
  });
});
