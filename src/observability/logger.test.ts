import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createLoggerOptions } from './logger.ts';

function capturingLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { logger: pino(createLoggerOptions('info', false), destination), lines };
}

describe('createLoggerOptions', () => {
  it('writes JSON lines with every credential-bearing field redacted', () => {
    const { logger, lines } = capturingLogger();
    logger.info({
      req: { headers: { authorization: 'Bearer sk-one', 'x-api-key': 'sk-two', cookie: 'c=three' } },
    });
    logger.info({ headers: { authorization: 'Bearer sk-four', 'proxy-authorization': 'Basic five' } });
    logger.info({ upstream: { headers: { authorization: 'Bearer six' } } });
    logger.info({ token: { accessToken: 'seven', refresh_token: 'eight' }, access_token: 'nine' });
    logger.info({ form: { client_secret: 'ten', client_assertion: 'eleven' } });
    logger.info({ credentials: { consumerSecret: 'twelve', privateKey: 'thirteen' } });
    logger.info({ config: { SALESFORCE_CONSUMER_SECRET: 'fourteen', apiKeys: ['fifteen'] } });
    const text = lines.join('');
    for (const secret of ['sk-one', 'sk-two', 'c=three', 'sk-four', 'Basic five', 'six', 'seven', 'eight']) {
      expect(text).not.toContain(secret);
    }
    for (const secret of ['nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen']) {
      expect(text).not.toContain(secret);
    }
    expect(lines).toHaveLength(7);
    expect(JSON.parse(lines[0] ?? '{}').req.headers.authorization).toBe('[redacted]');
  });

  it('leaves ordinary fields alone', () => {
    const { logger, lines } = capturingLogger();
    logger.info({ method: 'POST', path: '/v1/chat/completions', status: 200 }, 'request completed');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      status: 200,
      msg: 'request completed',
    });
  });
});
