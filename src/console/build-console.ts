import { mkdir, rm, writeFile } from 'node:fs/promises';
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
  await rm(outputDirectory, { recursive: true, force: true });
  await mkdir(outputDirectory, { recursive: true });
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
    metafile: true,
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((file) => path.basename(file));
  const script = outputs.find((file) => file.endsWith('.js'));
  const style = outputs.find((file) => file.endsWith('.css'));
  if (script === undefined || style === undefined)
    throw new Error('esbuild wrote no script or no stylesheet');
  await writeFile(path.join(outputDirectory, 'index.html'), renderIndexPage(script, style));
  await writeFile(
    path.join(outputDirectory, 'manifest.json'),
    `${JSON.stringify({ script, style }, null, 2)}\n`,
  );
}

function renderIndexPage(script: string, style: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sf-models-gateway console</title>
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
export { buildConsole as setup };

if (import.meta.main) await buildConsole();
