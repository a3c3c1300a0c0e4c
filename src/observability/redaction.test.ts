import { Writable } from 'node:stream';
import pino, { type Logger, type LoggerOptions } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLoggerOptions, redactedPaths, redactionCensor } from './logger.ts';
import { compileRedaction, parsePath } from './redaction.ts';

// Every case is logged twice: through the gateway's options and through pino's own `redact`
// option with the same paths (what the gateway used before), and the lines must be the same.
const pinoRedactOptions: LoggerOptions = {
  level: 'trace',
  redact: { paths: redactedPaths, censor: redactionCensor },
};

function linesOf(options: LoggerOptions, write: (logger: Logger) => void): unknown[] {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  write(pino({ ...options, level: 'trace', timestamp: false, base: { pid: 1 } }, destination));
  return lines.map((line) => JSON.parse(line));
}

function logBoth(write: (logger: Logger) => void) {
  const ours = linesOf(createLoggerOptions('trace', false), write);
  expect(ours).toEqual(linesOf(pinoRedactOptions, write));
  return ours as Record<string, unknown>[];
}

/** An object with `value` at `keys`. */
function placed(keys: readonly string[], value: unknown): Record<string, unknown> {
  return keys.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

function valueAt(line: unknown, keys: readonly string[]): unknown {
  return keys.reduce<unknown>((object, key) => (object as Record<string, unknown>)?.[key], line);
}

// the places a wildcard path takes its first key from: a plain field, the two named ones, and err
const wildcardKeys = ['upstream', 'req', 'headers', 'err', 'msg-like'];

describe('gateway redaction', () => {
  for (const path of redactedPaths) {
    const keys = parsePath(path);
    const places = keys[0] === '*' ? wildcardKeys.map((first) => [first, ...keys.slice(1)]) : [keys];
    for (const place of places) {
      it(`censors ${path} at ${place.join('.')}, beside the fields it leaves alone`, () => {
        const secret = `secret-for-${place.join('-')}`;
        const fields = { ...placed(place, secret), status: 200, other: { kept: 'visible' } };
        const [line] = logBoth((logger) => logger.info(fields, 'line'));
        expect(valueAt(line, place)).toBe('[redacted]');
        expect(JSON.stringify(line)).not.toContain(secret);
        expect(line).toMatchObject({ status: 200, other: { kept: 'visible' }, msg: 'line' });
        // the caller's object is left as it was
        expect(valueAt(fields, place)).toBe(secret);
      });
    }
  }

  it('censors every credential key in one headers object and keeps the rest', () => {
    const headers = {
      authorization: 'Bearer a',
      'proxy-authorization': 'Basic b',
      'x-api-key': 'c',
      cookie: 'd',
      'content-type': 'application/json',
    };
    const [top, request, nested] = logBoth((logger) => {
      logger.info({ headers });
      logger.info({ req: { headers, method: 'POST' } });
      logger.info({ upstream: { headers } });
    });
    expect(top?.headers).toEqual({
      authorization: '[redacted]',
      'proxy-authorization': '[redacted]',
      'x-api-key': '[redacted]',
      cookie: '[redacted]',
      'content-type': 'application/json',
    });
    expect(request?.req).toMatchObject({ method: 'POST', headers: top?.headers });
    // as before: the wildcard paths leave proxy-authorization alone one level down
    expect(valueAt(nested, ['upstream', 'headers'])).toMatchObject({
      'proxy-authorization': 'Basic b',
    });
  });

  it('treats values that are not objects as pino did', () => {
    logBoth((logger) => {
      logger.info({ authorization: 5, accessToken: null, access_token: false, status: 'ok' });
      logger.info({ authorization: undefined, accessToken: () => 'x' });
      logger.info({ headers: 'authorization: Bearer kept-as-text', req: 7, upstream: null });
      logger.info({ upstream: { apiKey: undefined, headers: 'plain', privateKey: 0 } });
    });
  });

  it('does not reach into arrays, as before', () => {
    const [line] = logBoth((logger) =>
      logger.info({ upstream: [{ apiKey: 'in-array' }], headers: [{ authorization: 'in-array-too' }] }),
    );
    expect(line).toMatchObject({ upstream: [{ apiKey: 'in-array' }] });
  });

  it('censors a whole array found at a censored key', () => {
    const [line] = logBoth((logger) => logger.info({ config: { apiKeys: ['one', 'two'] } }));
    expect(line?.config).toEqual({ apiKeys: '[redacted]' });
  });

  it('censors errors after serializing them, keeping type, message and stack', () => {
    const failure = Object.assign(new Error('token request failed'), {
      headers: { authorization: 'Bearer in-error', 'x-request-id': 'kept' },
      apiKey: 'error-api-key',
      status: 401,
    });
    const plain = new Error('plain');
    const lines = logBoth((logger) => {
      logger.error(failure);
      logger.error({ err: failure }, 'with a message');
      logger.error({ err: { authorization: 'not-an-error' } });
      logger.error({ err: 'just text', error: failure });
      logger.error(plain);
    });
    expect(lines[0]?.err).toMatchObject({
      type: 'Error',
      message: 'token request failed',
      stack: expect.stringContaining('token request failed'),
      headers: { authorization: '[redacted]', 'x-request-id': 'kept' },
      apiKey: '[redacted]',
      status: 401,
    });
    expect(failure.apiKey).toBe('error-api-key');
  });

  it('censors child bindings, at every generation, and leaves plain ones alone', () => {
    const bound = Object.assign(new Error('bound'), { privateKey: 'pk-secret' });
    const lines = logBoth((logger) => {
      const child = logger.child({
        upstream: { headers: { authorization: 'Bearer bound-secret' } },
        reqId: 'r1',
      });
      child.info('from the child');
      child
        .child({ authorization: 'grandchild-secret', worker: 2 })
        .info({ status: 1 }, 'from the grandchild');
      logger.child({ reqId: 'r2' }, {}).info('plain');
      logger.child({ err: bound }).info('error bound');
    });
    expect(lines[1]).toMatchObject({ reqId: 'r1', authorization: '[redacted]', worker: 2 });
    expect(JSON.stringify(lines)).not.toMatch(/bound-secret|grandchild-secret|pk-secret/);
  });

  it('censors objects interpolated into the message or given as it', () => {
    logBoth((logger) => {
      logger.info('token %j', { accessToken: 'interpolated', upstream: { apiKey: 'deeper' } });
      logger.info({ status: 1 }, 'list %o', [{ apiKey: 'in-list' }, 'text']);
      logger.info('%O and %s', { req: { headers: { cookie: 'c' } } }, 'more');
      logger.info({}, { apiKey: 'message-object' } as unknown as string);
    });
  });

  it('keeps prototypes, so toJSON still applies to a censored copy', () => {
    class Credentials {
      consumerSecret: string;
      name: string;
      constructor(consumerSecret: string, name: string) {
        this.consumerSecret = consumerSecret;
        this.name = name;
      }
      toJSON() {
        return { name: this.name, consumerSecret: this.consumerSecret };
      }
    }
    const [line] = logBoth((logger) => logger.info({ credentials: new Credentials('cs', 'app') }));
    expect(line?.credentials).toEqual({ name: 'app', consumerSecret: '[redacted]' });
  });

  it('compiles the list once into a tree: named keys get the wildcard paths too', () => {
    const compiled = compileRedaction(['a.b', '*.c', 'd', '*.d.e', 'x["y-z"]'], '#');
    expect([...compiled.top.keys()]).toEqual(['a', 'd', 'x']);
    expect([...(compiled.top.get('a')?.below.keys() ?? [])]).toEqual(['b', 'c', 'd']);
    expect(compiled.top.get('d')?.censor).toBe(true);
    expect([...(compiled.top.get('x')?.below.keys() ?? [])]).toEqual(['y-z', 'c', 'd']);
    expect(() => compileRedaction(['a.*.b'], '#')).toThrow(/unsupported/);
  });

  it('returns the very same object for a line without credential fields', () => {
    const { formatters } = createLoggerOptions('info', false);
    const fields = { method: 'POST', path: '/v1/chat/completions', nested: { model: 'm' }, list: [1] };
    expect(formatters?.log?.(fields)).toBe(fields);
  });
});
