import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { settings } from '../../src/config/schema.ts';

const root = new URL('../../', import.meta.url);
// Node's own variables, set in the image beside the gateway's settings.
const nodeVariables = new Set(['NODE_ENV', 'NODE_OPTIONS']);

async function read(file: string): Promise<string> {
  return readFile(new URL(file, root), 'utf8');
}

// Instructions of the last stage: what the image runs as.
function finalStage(dockerfile: string): string[] {
  const instructions = dockerfile
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const lastFrom = instructions.map((line) => line.startsWith('FROM ')).lastIndexOf(true);
  return instructions.slice(lastFrom);
}

describe('Dockerfile', () => {
  it('builds in stages and runs the compiled CLI as an unprivileged user with a health check', async () => {
    const dockerfile = await read('Dockerfile');
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    const stage = finalStage(dockerfile);
    const user = stage.find((line) => line.startsWith('USER '));
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)\b/);
    expect(stage.find((line) => line.startsWith('HEALTHCHECK '))).toContain('/livez');
    const command = JSON.parse(
      (stage.find((line) => line.startsWith('CMD ')) ?? 'CMD []').slice(4),
    ) as string[];
    expect(command.slice(0, 3)).toEqual(['node', 'dist/cli/main.js', 'serve']);
    // dist/cli/main.js is what `npm run build` makes of this file
    expect(existsSync(new URL('src/cli/main.ts', root))).toBe(true);
    expect(JSON.parse(await read('tsconfig.build.json')).compilerOptions.outDir).toBe('dist');
    // the build stage runs the whole build: the server and the console it serves at /ui
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    expect(JSON.parse(await read('package.json')).scripts.build).toContain('build:console');
    for (const line of stage.filter((instruction) => instruction.startsWith('ENV '))) {
      for (const [, name = ''] of line.matchAll(/(?:^ENV|\s)([A-Z_][A-Z0-9_]*)=/g)) {
        if (!nodeVariables.has(name)) expect(Object.keys(settings)).toContain(name);
      }
    }
  });
});

describe('compose example', () => {
  it('runs gateways that share the Redis service it defines, with known settings only', async () => {
    const compose = parse(await read('deploy/compose.yaml'), { merge: true }) as {
      services: Record<
        string,
        { environment?: Record<string, string>; depends_on?: Record<string, unknown> }
      >;
    };
    const gateways = Object.entries(compose.services).filter(([name]) => name.startsWith('gateway'));
    expect(gateways.length).toBeGreaterThanOrEqual(2);
    expect(compose.services.redis).toBeDefined();
    for (const [name, service] of gateways) {
      expect(new URL(service.environment?.REDIS_URL ?? '').hostname, name).toBe('redis');
      expect(Object.keys(service.depends_on ?? {})).toContain('redis');
      for (const setting of Object.keys(service.environment ?? {})) {
        expect(Object.keys(settings), `${name}: unknown setting ${setting}`).toContain(setting);
      }
    }
  });
});
