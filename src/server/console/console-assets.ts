import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { GatewayError } from '../../core/errors.ts';
import { replyWithClientError } from '../../protocols/client-protocol.ts';

// The console is static files built by src/console/build-console.ts. Hashed names never change
// content, so browsers keep them a year; index.html is revalidated so a new build shows at once.
// The page runs only its own script and style and talks only to this origin.

/** The Content-Security-Policy of the console's pages. */
export const consoleContentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** dist/console/ of the package, from src/server/console/ and dist/server/console/ alike. */
const builtAssetsDirectory = fileURLToPath(new URL('../../../dist/console/', import.meta.url));

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

interface ConsoleFiles {
  index: Buffer;
  assets: Map<string, Buffer>;
}

/** Options of the console's static files. */
export interface ConsoleAssetsOptions {
  /** Why the console may not load here (e.g. beyond loopback without an admin key); null serves it. */
  refusal: string | null;
  /** Where the built files are; dist/console/ of the package unless a test points elsewhere. */
  assetsDirectory?: string;
}

/** Serves the console: GET /ui (index.html) and GET /ui/assets/<name>, read once on first use. */
export function registerConsoleAssets(app: FastifyInstance, options: ConsoleAssetsOptions): void {
  const directory = options.assetsDirectory ?? builtAssetsDirectory;
  // Only a successful read is kept: a console built after start is picked up by the next request.
  let files: Promise<ConsoleFiles> | undefined;
  const load = () => {
    files ??= readConsoleFiles(directory).catch((error: unknown) => {
      files = undefined;
      throw error;
    });
    return files;
  };

  const servePage = async (_request: unknown, reply: FastifyReply) => {
    if (options.refusal !== null) return sendPage(reply.code(403), renderRefusalPage(options.refusal));
    const loaded = await load().catch(() => null);
    if (loaded === null) {
      return reply
        .code(503)
        .header('content-type', 'text/plain; charset=utf-8')
        .send('The console is not built. Run `npm run build:console` (or `npm run build`), then reload.\n');
    }
    return sendPage(reply, loaded.index);
  };
  app.get('/ui', servePage);
  app.get('/ui/', servePage);

  app.get<{ Params: { name: string } }>('/ui/assets/:name', async (request, reply) => {
    const asset = (await load().catch(() => null))?.assets.get(request.params.name);
    if (asset === undefined) {
      return replyWithClientError(request, reply, new GatewayError('not_found', 'No such console asset.'));
    }
    return reply
      .header('content-type', contentTypes[path.extname(request.params.name)] ?? 'application/octet-stream')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(asset);
  });
}

function sendPage(reply: FastifyReply, html: Buffer | string) {
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .header('content-security-policy', consoleContentSecurityPolicy)
    .send(html);
}

async function readConsoleFiles(directory: string): Promise<ConsoleFiles> {
  const index = await readFile(path.join(directory, 'index.html'));
  const assets = new Map<string, Buffer>();
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    // dot-files are a build's half-written files (see build-console.ts), never part of the console
    if (entry.isFile() && entry.name !== 'index.html' && !entry.name.startsWith('.')) {
      assets.set(entry.name, await readFile(path.join(directory, entry.name)));
    }
  }
  return { index, assets };
}

function renderRefusalPage(refusal: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Console unavailable · sf-models-gateway</title></head>
<body>
<main>
<h1>The console is not available</h1>
<p>${escapeHtml(refusal)}</p>
</main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
