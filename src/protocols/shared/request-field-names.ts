import { GatewayError, type RequestTarget } from '../../core/errors.ts';
import type { RequestSetting, Warning } from '../../core/model.ts';

/** How one decoded request names, in its own wire format, what the pipeline may warn or fail about. */
export interface RequestFieldNames {
  /** Wire fields the decoder accepted but could not pass on, in the order it found them. */
  ignoredFields: string[];
  /** The wire name of each neutral setting. */
  settings: Readonly<Record<RequestSetting, string>>;
  /** The field path of each tool's JSON Schema, by neutral tool index. */
  toolParameters: string[];
  /** The field path of the response schema, when the request has one. */
  responseSchema?: string;
  /** The field path of each image part, in the order the parts appear in the neutral request. */
  imageParts: string[];
  /** The field path of a neutral message's content, for providers that fault a whole message;
   * absent where neutral messages do not map one to one onto wire messages. */
  messageContent?: (index: number) => string;
  /** Every wire field behind the reasoning settings when there are more than `settings.reasoning`
   * (Anthropic's thinking plus output_config.effort): ignored reasoning names them all. */
  reasoningFields?: string[];
}

/** The settings' names shared by the OpenAI and Anthropic wire formats. */
export const snakeCaseSettingNames: Readonly<Record<RequestSetting, string>> = {
  temperature: 'temperature',
  topP: 'top_p',
  topK: 'top_k',
  seed: 'seed',
  presencePenalty: 'presence_penalty',
  frequencyPenalty: 'frequency_penalty',
  maxOutputTokens: 'max_tokens',
  reasoning: 'reasoning_effort',
  reasoningEffort: 'reasoning_effort',
};

/** Every field that had no effect or was changed, by its wire name: the decoder's first, then the pipeline's. */
export function listIgnoredFields(names: RequestFieldNames, warnings: readonly Warning[]): string[] {
  return [...names.ignoredFields, ...warnings.flatMap((warning) => nameWarning(warning, names))];
}

function nameWarning(warning: Warning, names: RequestFieldNames): string[] {
  const { reasoningFields } = names;
  if (warning.type === 'ignored-setting' && warning.setting === 'reasoning' && reasoningFields) {
    return reasoningFields;
  }
  return [names.settings[warning.setting]];
}

/** Gives an error about a part of the neutral request the client's own field path, in `param` and
 * in front of the message; any other error passes through unchanged. */
export function locateRequestError(error: unknown, names: RequestFieldNames): unknown {
  if (!(error instanceof GatewayError) || !error.target || error.param !== undefined) return error;
  const param = nameTarget(error.target, names);
  if (param === undefined) return error;
  return new GatewayError(error.kind, `${param}: ${error.message}`, {
    status: error.status,
    param,
    ...(error.code === undefined ? {} : { code: error.code }),
    ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
    retryable: error.retryable,
    ...(error.detail === undefined ? {} : { detail: error.detail }),
    cause: error,
  });
}

function nameTarget(target: RequestTarget, names: RequestFieldNames): string | undefined {
  switch (target.type) {
    case 'tool-parameters':
      return names.toolParameters[target.index];
    case 'response-schema':
      return names.responseSchema;
    case 'message-content':
      return names.messageContent?.(target.index);
    case 'image':
      return names.imageParts[target.index];
  }
}
