import type { FinishReason } from '../../../core/model.ts';

/** Maps a finish reason in any provider's words (OpenAI, Claude, Gemini's upper case) to the
 * unified one. A reason that says "stop" while tool calls came is read as tool-calls, since
 * clients only run tools on that reason and some providers (Gemini) never say it. */
export function mapFinishReason(raw: unknown, madeToolCalls: boolean): FinishReason {
  const value = typeof raw === 'string' && raw !== '' ? raw : null;
  switch (value?.toLowerCase()) {
    case 'tool_calls':
    case 'tool_use':
    case 'function_call':
      return { unified: 'tool-calls', raw: value };
    case undefined:
    case 'stop':
    case 'end_turn':
    case 'stop_sequence':
      return { unified: madeToolCalls ? 'tool-calls' : 'stop', raw: value };
    case 'length':
    case 'max_tokens':
      return { unified: 'length', raw: value };
    case 'content_filter':
    case 'safety':
    case 'recitation':
    case 'blocklist':
    case 'prohibited_content':
      return { unified: 'content-filter', raw: value };
    default:
      return { unified: 'other', raw: value };
  }
}
