import type { RegExpEngine, RegExpLike } from 'ajv/dist/types/index.js';
import { RE2JS } from 're2js';

/**
 * The regular-expression engine ajv uses for client `pattern` and `patternProperties`. A client's
 * pattern is matched against text the client steers the model to write, so JavaScript's
 * backtracking engine would let `^(a+)+$` take exponential time. RE2 matches in time linear in
 * the text. The few patterns RE2 cannot express (look-arounds, back-references, as in some
 * generated e-mail patterns) fall back to JavaScript's engine; they still run inside the schema
 * worker, under its time budget, so even those cannot stall the gateway.
 */
function compilePattern(pattern: string, flags: string): RegExpLike {
  try {
    const compiled = RE2JS.compile(RE2JS.translateRegExp(pattern));
    return { test: (text) => compiled.test(text) };
  } catch {
    return new RegExp(pattern, flags);
  }
}

/** compilePattern as ajv's `code.regExp` option; `code` would name it in standalone code, which
 * the gateway never generates. */
export const linearTimePatterns: RegExpEngine = Object.assign(compilePattern, { code: 'linearTimePatterns' });
