import type { ReasoningEffort, ReasoningSettings, SamplingSettings, Warning } from '../../../core/model.ts';

/** The `reasoning` field (absent when none is sent), the sampling settings left to send, and what changed. */
export interface MappedReasoning {
  reasoning?: { effort?: ReasoningEffort; summary?: 'auto' };
  sampling: { temperature?: number; top_p?: number };
  warnings: Warning[];
}

/**
 * Reasoning and sampling decide each other on this route: the upstream refuses temperature and
 * top_p together with reasoning, so they are dropped whenever reasoning is on (effort `none`
 * turns it off and keeps them). Effort `max` is refused with "Unexpected value 'max'", so it
 * becomes `xhigh`, the highest the upstream takes. Mode `disabled` sends no field at all.
 */
export function mapReasoning(
  settings: ReasoningSettings | undefined,
  sampling: SamplingSettings,
): MappedReasoning {
  const warnings: Warning[] = [];
  const enabled = settings !== undefined && settings.mode !== 'disabled';
  const reasoning = enabled ? buildReasoning(settings, warnings) : undefined;
  // with no effort given the model reasons at its default effort, which refuses sampling too
  const reasoningOn = enabled && reasoning?.effort !== 'none';
  const kept: MappedReasoning['sampling'] = {};
  if (sampling.temperature !== undefined) {
    if (reasoningOn) warnings.push({ type: 'ignored-setting', setting: 'temperature' });
    else kept.temperature = sampling.temperature;
  }
  if (sampling.topP !== undefined) {
    if (reasoningOn) warnings.push({ type: 'ignored-setting', setting: 'topP' });
    else kept.top_p = sampling.topP;
  }
  // an empty object would say nothing the upstream does not assume already
  const send = reasoning && Object.keys(reasoning).length > 0;
  return { ...(send ? { reasoning } : {}), sampling: kept, warnings };
}

function buildReasoning(
  settings: ReasoningSettings,
  warnings: Warning[],
): NonNullable<MappedReasoning['reasoning']> {
  let effort = settings.effort;
  if (effort === 'max') {
    effort = 'xhigh';
    warnings.push({
      type: 'adjusted-setting',
      setting: 'reasoningEffort',
      detail: "effort 'max' is not accepted by Salesforce's GPT route; 'xhigh' was sent",
    });
  }
  if (effort === undefined && settings.budgetTokens !== undefined) {
    warnings.push({
      type: 'adjusted-setting',
      setting: 'reasoning',
      detail: "the Responses API takes an effort, not a token budget; the model's default effort applies",
    });
  }
  return {
    ...(effort === undefined ? {} : { effort }),
    ...(settings.returnText ? { summary: 'auto' as const } : {}),
  };
}
