/** Parsed arguments -> the JSON string OpenAI carries; a call without arguments sends `{}`. */
export function encodeToolArguments(toolArguments: unknown): string {
  return JSON.stringify(toolArguments ?? {});
}
