import type { ChatRequest, ReasoningEffort, Warning } from '../../../core/model.ts';
import type { JsonObject } from '../shared/as-json-object.ts';

/** The thinking and sampling fields of a Bedrock body, and what had to change on the way. */
export interface BedrockThinkingFields {
  fields: JsonObject;
  warnings: Warning[];
}

/** Reasoning and sampling settings -> `thinking`, `output_config` and the sampling fields.
 * Current Claude models refuse `thinking.type: "enabled"` and refuse sampling settings while
 * thinking (from Opus 4.7 on, always), so enabled becomes adaptive and sampling is dropped; both
 * are reported. */
export function mapBedrockThinking(request: ChatRequest): BedrockThinkingFields {
  const { sampling } = request;
  const fields: JsonObject = {};
  const warnings: Warning[] = [];
  // Salesforce answers any `thinking` field on Claude aliases before 4.6 with a 502, and those
  // models have no adaptive thinking: there the setting is dropped and reported.
  const takesThinking = claudeVersion(request.model) >= 4.6;
  if (!takesThinking && request.reasoning !== undefined && request.reasoning.mode !== 'disabled') {
    warnings.push({ type: 'ignored-setting', setting: 'reasoning' });
  }
  const reasoning = takesThinking ? request.reasoning : undefined;
  const thinking = reasoning !== undefined && reasoning.mode !== 'disabled';
  if (reasoning?.mode === 'disabled') fields.thinking = { type: 'disabled' };
  if (thinking) {
    fields.thinking = { type: 'adaptive' };
    if (reasoning.mode === 'enabled') {
      warnings.push({
        type: 'adjusted-setting',
        setting: 'reasoning',
        detail: 'sent adaptive thinking: current Claude models refuse thinking with a token budget',
      });
    }
    if (reasoning.effort !== undefined) {
      const effort = mapEffort(reasoning.effort);
      fields.output_config = { effort: effort.value };
      if (effort.detail)
        warnings.push({ type: 'adjusted-setting', setting: 'reasoningEffort', detail: effort.detail });
    }
  }
  const settings = [
    ['temperature', 'temperature', sampling.temperature],
    ['topP', 'top_p', sampling.topP],
    ['topK', 'top_k', sampling.topK],
  ] as const;
  // Opus 4.7 and later take no sampling settings at all (and may think by default).
  const takesSampling = !thinking && claudeVersion(request.model) < 4.7;
  for (const [setting, wireName, value] of settings) {
    if (value === undefined) continue;
    if (takesSampling) fields[wireName] = value;
    else warnings.push({ type: 'ignored-setting', setting });
  }
  // Anthropic has no seed or penalties at all
  for (const setting of ['seed', 'presencePenalty', 'frequencyPenalty'] as const) {
    if (sampling[setting] !== undefined) warnings.push({ type: 'ignored-setting', setting });
  }
  return { fields, warnings };
}

// sfdc_ai__DefaultBedrockAnthropicClaude45Sonnet -> 4.5, …Claude4Sonnet -> 4; a name without a
// version is taken as current.
function claudeVersion(upstreamModel: string): number {
  const match = /claude(\d)(\d)?/i.exec(upstreamModel);
  if (!match) return Number.POSITIVE_INFINITY;
  return Number(match[1]) + Number(match[2] ?? 0) / 10;
}

// Anthropic's effort scale is low, medium, high; the neutral scale is wider on both ends.
function mapEffort(effort: ReasoningEffort): { value: string; detail?: string } {
  switch (effort) {
    case 'low':
    case 'medium':
    case 'high':
      return { value: effort };
    case 'none':
    case 'minimal':
      return { value: 'low', detail: `sent effort low: Claude has no ${effort} effort` };
    case 'xhigh':
    case 'max':
      return { value: 'high', detail: `sent effort high: Claude on this route takes no ${effort} effort` };
  }
}
