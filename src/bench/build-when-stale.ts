import { spawnSync } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, from src/bench/ or dist/bench/ alike. */
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Runs `npm run build` when dist/ is missing or older than a source file, so stale output is never measured. */
export async function buildWhenStale(): Promise<void> {
  const built = await stat(path.join(packageRoot, 'dist/cli/main.js')).then(
    (info) => info.mtimeMs,
    () => 0,
  );
  if (built > (await newestSourceMtime(path.join(packageRoot, 'src')))) return;
  process.stderr.write('building dist/ (npm run build)\n');
  const build = spawnSync('npm', ['run', 'build'], { cwd: packageRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
}

async function newestSourceMtime(folder: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
    newest = Math.max(newest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}
