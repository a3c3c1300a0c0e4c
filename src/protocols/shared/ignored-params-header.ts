/** Response header listing request fields that had no effect. */
export const ignoredParamsHeader = 'x-sfgw-ignored-params';

/** The ignored-params header for these wire field names, or none when every field took effect. */
export function encodeIgnoredParamsHeader(fieldNames: string[]): Record<string, string> {
  if (fieldNames.length === 0) return {};
  return { [ignoredParamsHeader]: [...new Set(fieldNames)].join(',') };
}
