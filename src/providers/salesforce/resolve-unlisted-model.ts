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
 * and any claude-* name (dated or not, as Claude Code sends them) maps by family. */
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
    if (!family) return undefined;
    const upstreamModel = claudeFamilies[family];
    return {
      id,
      upstreamModel,
      kind: 'chat',
      label: `${id} (Claude ${family} family)`,
      ownedBy: 'salesforce',
    };
  };
}
