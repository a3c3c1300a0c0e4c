import { createRequire } from 'node:module';

// package.json sits one level above both src/ and dist/, so the same relative path works for each
const manifest = createRequire(import.meta.url)('../package.json') as { version: string };

/** The gateway's version, from package.json. */
export const packageVersion = manifest.version;
