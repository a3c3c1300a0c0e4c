// Bounds on the JSON Schemas a client sends (tool parameters, response formats). Compiling a
// schema costs about 5 µs per character of its JSON on a 2-core machine, and happens in the
// schema worker; these bounds keep one request's share of that worker under about a second, so
// that no client can keep the worker from everyone else's tool calls. Measured in `npm run bench`
// terms: a 64 KiB schema compiles in about 350 ms.

/** Largest single schema, in characters of its JSON text. */
export const maxSchemaCharacters = 65_536;

/** Largest sum over all the schemas of one request. */
export const maxRequestSchemaCharacters = 262_144;
