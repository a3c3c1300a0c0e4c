import type { ModelInfo } from '../../core/model.ts';
import { salesforceModelPrefix } from './model-names.ts';

/** Salesforce models standing in for each Claude family. */
export interface ClaudeFamilies {
  opus: string;
  sonnet: string;
  haiku: string;
}

const families = ['opus', 'sonnet', 'haiku'] as const;

/** Resolves names that are neither listed nor aliased: any Salesforce API name passes through,
 * and any claude-* name (dated or not, as Claude Code sends them) maps by family, sonnet's when
 * it names none of opus, sonnet and haiku. */
export function createUnlistedModelResolver(
  claudeFamilies: ClaudeFamilies,
): (id: string) => ModelInfo | undefined {
  return (id) => {
    if (id.startsWith(salesforceModelPrefix)) {
      const kind = /embedding/i.test(id) ? 'embedding' : 'chat';
      return { id, upstreamModel: id, kind, label: id, ownedBy: 'salesforce' };
    }
    const lowerCase = id.toLowerCase();
    if (!lowerCase.startsWith('claude')) return undefined;
    const family = families.find((name) => lowerCase.includes(name));
    // a family Salesforce does not serve (Claude Code's fable alias, a new one) gets the all-rounder
    const served = family ?? 'sonnet';
    return {
      id,
      upstreamModel: claudeFamilies[served],
      kind: 'chat',
      label: family
        ? `${id} (Claude ${family} family)`
        : `${id} (no Claude family served by that name: sonnet's)`,
      ownedBy: 'salesforce',
    };
  };
}
