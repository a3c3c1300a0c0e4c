import type { ModelDefinition } from '../model-definition.ts';
import type { NativeRoute } from '../reply-request.ts';
import type { SimulatorState } from '../simulator-state.ts';

/** A model as the native surface serves it, with the Claude behaviour flags the rejections read. */
export interface NativeModel {
  alias: string;
  definition: ModelDefinition;
  /** `anthropic`, `openai` or `gemini`: decides the route table and the usage spelling. */
  provider: 'anthropic' | 'openai' | 'gemini' | 'other';
  /** Claude 4.7 and later accept only adaptive thinking. */
  adaptiveOnly: boolean;
  /** Claude before 4.6: the beta and thinking flags fail with 502 there. */
  old: boolean;
}

/** A lookup that failed, with the status and message to answer. */
export interface ModelRejection {
  status: number;
  message: string;
}

function providerOf(definition: ModelDefinition): NativeModel['provider'] {
  if (definition.name.includes('Anthropic')) return 'anthropic';
  if (definition.family === 'openai') return 'openai';
  if (definition.name.includes('Gemini')) return 'gemini';
  return 'other';
}

// `Claude46Sonnet` is 4.6, `Claude4Sonnet` 4.0, `Claude5Sonnet` 5.0: the first digit is the major version.
function claudeVersion(name: string): number {
  const digits = /Claude(\d+)/.exec(name)?.[1] ?? '0';
  return Number(`${digits[0]}.${digits.slice(1) || '0'}`);
}

const routesByProvider: Record<NativeModel['provider'], readonly NativeRoute[]> = {
  anthropic: ['invoke', 'invoke-with-response-stream', 'chat/generations', 'chat/generations/stream'],
  openai: ['responses', 'chat/generations', 'chat/generations/stream'],
  gemini: ['chat/generations', 'chat/generations/stream'],
  other: ['chat/generations', 'chat/generations/stream'],
};

// Bare provider ids (`claude-sonnet-4-6`, `gpt-5`, `anthropic.claude-…`) name no Salesforce alias.
const providerIdPattern = /^(claude|gpt|gemini|o\d|anthropic\.|amazon\.)/i;

function isBareProviderId(state: SimulatorState, name: string): boolean {
  if (providerIdPattern.test(name)) return true;
  return state.registry.names().some((known) => state.registry.resolve(known)?.served.providerModel === name);
}

/** The model an alias names on `route`, or the rejection: 404 for an unknown alias or the wrong route. */
export function resolveNativeModel(
  state: SimulatorState,
  alias: string,
  route: NativeRoute,
): NativeModel | ModelRejection {
  const resolved = state.registry.resolve(alias);
  if (resolved === undefined || resolved.served.kind !== 'chat') {
    if (isBareProviderId(state, alias)) {
      return {
        status: state.settings.native.modelNotAvailableStatus,
        message: `model not available: ${alias}`,
      };
    }
    return { status: 404, message: `Model ${alias} was not found` };
  }
  const definition = resolved.served;
  const provider = providerOf(definition);
  if (!routesByProvider[provider].includes(route)) {
    return { status: 404, message: `Model ${alias} is not served on ${route}` };
  }
  const version = provider === 'anthropic' ? claudeVersion(definition.name) : 0;
  return {
    alias,
    definition,
    provider,
    adaptiveOnly: version >= 4.7,
    old: provider === 'anthropic' && version < 4.6,
  };
}
