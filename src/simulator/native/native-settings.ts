/** Toggles of the native surface (`/ai/gpt/v1`); every field has a default. */
export interface NativeSettings {
  /** Pause between two streamed events, so clients see real incremental delivery. */
  deltaDelayMs: number;
  /** Reject calls that lack `x-sfdc-app-context` / `x-client-feature-id` (400); Salesforce's behaviour is unknown. */
  requireAppHeaders: boolean;
  /** Reject `model` or `stream` in a Bedrock body (400); real behaviour unknown, so off by default. */
  strictBedrockBody: boolean;
  /** Status for a bare provider model id ("model not available"). */
  modelNotAvailableStatus: number;
  /** Add Bedrock's random-length `p` padding field to each chunk payload. */
  framePadding: boolean;
  /** Put `amazon-bedrock-invocationMetrics` on the `message_stop` event. */
  invocationMetrics: boolean;
  /** Shuffle the order of frame headers (clients must not depend on it). */
  shuffleFrameHeaders: boolean;
  /** Split each event-stream frame across several TCP writes at random offsets. */
  splitFrames: boolean;
  /** Seed for the frame splits and padding lengths; undefined draws a fresh seed per stream. */
  splitSeed: number | undefined;
  /** Answer `thinking` / `redacted_thinking` blocks in history with 502 `No user context has been created!`. */
  rejectThinkingHistory: boolean;
  /** Answer `anthropic_beta` on pre-4.6 Claude aliases with 502. */
  rejectBetaOnOldModels: boolean;
  /** Streamed `tool_invocations` fragments after the first carry no `id` (another way clients see them). */
  idlessToolFragments: boolean;
  /** End `/chat/generations/stream` with a bare `DONE` instead of `[DONE]`. */
  bareDone: boolean;
  /** Context window of the Bedrock routes in estimated tokens (characters / 4): a longer prompt is
   * 400 `prompt is too long: N tokens > M maximum`, as Anthropic words it. Undefined: no limit. */
  contextWindowTokens: number | undefined;
}

/** The native defaults, overridden by the caller's partial settings. */
export function resolveNativeSettings(options: Partial<NativeSettings> = {}): NativeSettings {
  return {
    deltaDelayMs: 2,
    requireAppHeaders: false,
    strictBedrockBody: false,
    modelNotAvailableStatus: 404,
    framePadding: true,
    invocationMetrics: true,
    shuffleFrameHeaders: false,
    splitFrames: true,
    splitSeed: undefined,
    rejectThinkingHistory: true,
    rejectBetaOnOldModels: true,
    idlessToolFragments: false,
    bareDone: false,
    contextWindowTokens: undefined,
    ...options,
  };
}
