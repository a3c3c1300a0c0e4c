/** How far from strict JSON to write. */
export interface LooseJsonStyle {
  /** Quote character for strings and keys. */
  quote: '"' | "'";
  /** Adds a comma after the last member of every non-empty object and array. */
  trailingCommas: boolean;
}

function writeString(text: string, quote: LooseJsonStyle['quote']): string {
  if (quote === '"') return JSON.stringify(text);
  const escaped = JSON.stringify(text).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'");
  return `'${escaped}'`;
}

/** JSON text with the flaws models often write: single quotes and trailing commas. */
export function writeLooseJson(value: unknown, style: LooseJsonStyle): string {
  const trailing = style.trailingCommas ? ',' : '';
  if (Array.isArray(value)) {
    const items = value.map((item) => writeLooseJson(item, style));
    return items.length === 0 ? '[]' : `[${items.join(',')}${trailing}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).map(
      ([key, member]) => `${writeString(key, style.quote)}:${writeLooseJson(member, style)}`,
    );
    return members.length === 0 ? '{}' : `{${members.join(',')}${trailing}}`;
  }
  if (typeof value === 'string') return writeString(value, style.quote);
  return JSON.stringify(value) ?? 'null';
}
