import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// The console ships as static files built once: content-hashed names so browsers may keep them
// for a year, and an index.html without inline script or style so a strict CSP holds.

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Where the built console lands; console-assets.ts serves this folder. */
export const consoleOutputDirectory = path.join(packageRoot, 'dist/console');

/** Bundles src/console/main.tsx and its CSS into dist/console/ and writes index.html and manifest.json. */
export async function buildConsole(outputDirectory = consoleOutputDirectory): Promise<void> {
  const result = await build({
    entryPoints: [path.join(packageRoot, 'src/console/main.tsx')],
    outdir: outputDirectory,
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
  });
  const files = new Map(result.outputFiles.map((file) => [path.basename(file.path), file.contents]));
  const names = [...files.keys()];
  const script = names.find((name) => name.endsWith('.js'));
  const style = names.find((name) => name.endsWith('.css'));
  if (script === undefined || style === undefined)
    throw new Error('esbuild wrote no script or no stylesheet');
  files.set('index.html', new TextEncoder().encode(renderIndexPage(script, style)));
  files.set('manifest.json', new TextEncoder().encode(`${JSON.stringify({ script, style }, null, 2)}\n`));
  await mkdir(outputDirectory, { recursive: true });
  // Each file appears whole (written aside, then renamed), so a gateway or a test reading the
  // folder during a rebuild never sees half a file; earlier builds' hashed files are removed.
  for (const [name, contents] of files) {
    const aside = path.join(outputDirectory, `.${name}.${process.pid}.tmp`);
    await writeFile(aside, contents);
    await rename(aside, path.join(outputDirectory, name));
  }
  for (const name of await readdir(outputDirectory)) {
    if (!files.has(name) && !name.endsWith('.tmp'))
      await rm(path.join(outputDirectory, name), { force: true });
  }
}

function renderIndexPage(script: string, style: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sf-models-gateway console</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/ui/assets/${style}">
<script type="module" src="/ui/assets/${script}"></script>
</head>
<body>
<div id="app"></div>
</body>
</html>
`;
}

/** Vitest's globalSetup: the route and browser tests need the built assets. */
export async function setup(): Promise<void> {
  await buildConsole();
}

if (import.meta.main) await buildConsole();
