import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { settings } from '../src/config/schema.ts';

describe('README configuration reference', () => {
  it('documents every setting with its default', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    for (const [name, definition] of Object.entries(settings)) {
      const row = readme.split('\n').find((line) => new RegExp(`^\\|\\s*\`${name}\`\\s*\\|`).test(line));
      expect(row, `README row for ${name}`).toBeDefined();
      const shownDefault = !('default' in definition)
        ? '—'
        : typeof definition.default === 'object' || definition.default === ''
          ? JSON.stringify(definition.default)
          : String(definition.default);
      expect(row).toMatch(shownDefault === '—' ? /\|\s*—\s*\|/ : `\`${shownDefault}\``);
    }
  });
});
