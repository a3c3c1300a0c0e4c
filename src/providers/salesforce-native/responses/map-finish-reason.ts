import type { FinishReason } from '../../../core/model.ts';
import { asJsonObject, type JsonObject } from '../shared/as-json-object.ts';

/**
 * Why a Response ended. `completed` is a plain stop unless the output holds tool calls (the
 * Responses API has no separate tool-calls status); `incomplete` says why in
 * `incomplete_details.reason`, which becomes the raw reason.
 */
export function mapFinishReason(response: JsonObject, madeToolCall: boolean): FinishReason {
  const status = typeof response.status === 'string' ? response.status : null;
  if (status === 'incomplete') {
    const reason = asJsonObject(response.incomplete_details)?.reason;
    const raw = typeof reason === 'string' ? reason : status;
    if (raw === 'max_output_tokens') return { unified: 'length', raw };
    if (raw === 'content_filter') return { unified: 'content-filter', raw };
    return { unified: 'other', raw };
  }
  if (madeToolCall) return { unified: 'tool-calls', raw: status };
  return { unified: 'stop', raw: status };
}
