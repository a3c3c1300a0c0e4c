import { createRequire } from 'node:module';
import type { Pool as UndiciPool } from 'undici';

// undici's index also loads fetch, WebSocket, its cache and mock agents: about 10 MiB of RSS in
// every gateway process for nothing it uses. The gateway needs only Pool and the request API,
// which the index mixes into every dispatcher; this does the same with just those modules.
const require = createRequire(import.meta.url);
const dispatcher = require('undici/lib/dispatcher/dispatcher') as { prototype: object };
Object.assign(dispatcher.prototype, require('undici/lib/api'));

/** undici's Pool, the same class `import { Pool } from 'undici'` gives, without the rest of undici. */
export const Pool = require('undici/lib/dispatcher/pool') as typeof UndiciPool;
/** An undici connection pool to one origin. */
export type Pool = UndiciPool;
