// A model name is echoed from the client: one absurdly long name must not fill a log or a ledger row.
const longestModelName = 200;

/** The client's model name, cut to the length the console and the usage ledger keep. */
export function clampModelName(model: string): string {
  return model.slice(0, longestModelName);
}
