import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** Every `from '…'`, `import '…'` and `import('…')` specifier of a source file, resolved against it. */
export async function importedPaths(file: string): Promise<string[]> {
  const source = await readFile(file, 'utf8');
  const specifiers = [...source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"]+)['"]/g)].map(
    (match) => match[1] as string,
  );
  return specifiers.map((specifier) => path.resolve(path.dirname(file), specifier));
}
