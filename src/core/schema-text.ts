// A client's schema is read as JSON text three times on one request: its size is checked, it is
// compiled, and the model's arguments are validated against it. The schema object stays the same
// through all three (the decoded request is never rebuilt), so its text is made once and kept
// with the object, and goes when the request does.
const texts = new WeakMap<object, string>();

/** The JSON text of a schema, made once per schema object. */
export function schemaText(schema: Record<string, unknown>): string {
  let text = texts.get(schema);
  if (text === undefined) {
    text = JSON.stringify(schema);
    texts.set(schema, text);
  }
  return text;
}
