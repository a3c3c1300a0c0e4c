import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSecurityHeaders } from '../security-headers.ts';
import { consoleContentSecurityPolicy, registerConsoleAssets } from './console-assets.ts';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'sfgw-console-assets-'));
  await writeFile(path.join(directory, 'index.html'), '<!doctype html><title>console</title>');
  await writeFile(path.join(directory, 'main-ABC123.js'), 'console.log(1)');
  await writeFile(path.join(directory, 'main-ABC123.css'), 'body{}');
  await writeFile(path.join(directory, '.main-DEF456.js.123.tmp'), 'half a build');
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

function consoleApp(options: { refusal: string | null; assetsDirectory: string }): FastifyInstance {
  const app = Fastify();
  registerSecurityHeaders(app);
  registerConsoleAssets(app, options);
  return app;
}

describe('registerConsoleAssets', () => {
  it('answers /ui and /ui/ with index.html, revalidated, under a strict CSP', async () => {
    const app = consoleApp({ refusal: null, assetsDirectory: directory });
    for (const url of ['/ui', '/ui/']) {
      const page = await app.inject({ url });
      expect(page.statusCode).toBe(200);
      expect(page.body).toBe('<!doctype html><title>console</title>');
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-security-policy']).toBe(consoleContentSecurityPolicy);
      expect(page.headers['x-frame-options']).toBe('DENY');
    }
    expect(consoleContentSecurityPolicy).not.toMatch(/unsafe-(inline|eval)/);
    await app.close();
  });

  it('serves hashed assets as immutable with their content type, read once', async () => {
    const scratch = await mkdtemp(path.join(tmpdir(), 'sfgw-console-assets-'));
    await writeFile(path.join(scratch, 'index.html'), 'page');
    await writeFile(path.join(scratch, 'main-XYZ.js'), 'first');
    const app = consoleApp({ refusal: null, assetsDirectory: scratch });
    const script = await app.inject({ url: '/ui/assets/main-XYZ.js' });
    expect(script.statusCode).toBe(200);
    expect(script.body).toBe('first');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // kept in memory: a change on disk after the first request is not read again
    await writeFile(path.join(scratch, 'main-XYZ.js'), 'second');
    expect((await app.inject({ url: '/ui/assets/main-XYZ.js' })).body).toBe('first');
    const style = await app.inject({ url: '/ui/assets/main-ABC123.css' });
    expect(style.statusCode).toBe(404);
    await app.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('answers an unknown asset, one outside the folder, or a half-written build file, 404 in the JSON error shape', async () => {
    const app = consoleApp({ refusal: null, assetsDirectory: directory });
    const refused = [
      '/ui/assets/nothing-here.js',
      '/ui/assets/..%2Findex.html',
      '/ui/assets/index.html',
      '/ui/assets/.main-DEF456.js.123.tmp',
    ];
    for (const url of refused) {
      const answer = await app.inject({ url });
      expect(answer.statusCode, url).toBe(404);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(answer.json()).toMatchObject({ error: { message: expect.any(String) } });
    }
    expect((await app.inject({ url: '/ui/assets/main-ABC123.css' })).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    await app.close();
  });

  it('answers 503 saying how to build when the assets were never built', async () => {
    const app = consoleApp({ refusal: null, assetsDirectory: path.join(directory, 'missing') });
    const page = await app.inject({ url: '/ui' });
    expect(page.statusCode).toBe(503);
    expect(page.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(page.body).toContain('npm run build:console');
    expect((await app.inject({ url: '/ui/assets/main-ABC123.js' })).statusCode).toBe(404);
    await app.close();
  });

  it('answers 403 with the refusal, escaped, on a page without script', async () => {
    const app = consoleApp({
      refusal: 'No admin key is configured <here> & "there".',
      assetsDirectory: directory,
    });
    const page = await app.inject({ url: '/ui' });
    expect(page.statusCode).toBe(403);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(consoleContentSecurityPolicy);
    expect(page.body).toContain('No admin key is configured &#60;here&#62; &#38; &#34;there&#34;.');
    expect(page.body).not.toContain('<script');
    await app.close();
  });
});

describe('the built console', () => {
  it('is served from dist/console by default, its page naming hashed assets that exist', async () => {
    const app = Fastify();
    registerConsoleAssets(app, { refusal: null });
    const page = await app.inject({ url: '/ui' });
    expect(page.statusCode).toBe(200);
    const assets = [...page.body.matchAll(/(?:src|href)="\/ui\/assets\/([^"]+)"/g)].map((match) => match[1]);
    expect(assets).toEqual([
      expect.stringMatching(/^main-\w+\.css$/),
      expect.stringMatching(/^main-\w+\.js$/),
    ]);
    expect(page.body).not.toMatch(/<script>|<style|style=/);
    for (const asset of assets)
      expect((await app.inject({ url: `/ui/assets/${asset}` })).statusCode).toBe(200);
    await app.close();
  });
});
