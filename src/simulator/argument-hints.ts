/** Values the user spelled out as `key=value` or `key: value`, by lower-cased key. */
export type ArgumentHints = ReadonlyMap<string, string>;

// A key not glued to a word, `#` or `-` (so `#tool-shape=…` markers are skipped), then `=` or `:`,
// then on the same line a quoted value or a bare run ending before whitespace, `,`, `;` or closing
// punctuation. The value is only looked at, not consumed, so in `order: order_id=A17` both pairs count.
const pairPattern =
  /(?<![\w#-])([A-Za-z_][\w-]*)[ \t]*[=:][ \t]*(?=(?:"([^"]*)"|'([^']*)'|([^\s,;]+?)[.?!)]*(?:[\s,;]|$)))/g;

/** Reads every `key=value` / `key: value` pair in a text; a later pair overrides an earlier one. */
export function readArgumentHints(text: string): ArgumentHints {
  const hints = new Map<string, string>();
  for (const match of text.matchAll(pairPattern)) {
    const [, key, doubleQuoted, singleQuoted, bare] = match;
    const value = doubleQuoted ?? singleQuoted ?? bare;
    if (key !== undefined && value !== undefined) hints.set(key.toLowerCase(), value);
  }
  return hints;
}
