import type { EnvelopeResult } from '../emulation/tools/envelope.ts';

const quoteLength = 200;

/** A plain-text answer built from tool results, which ends an agent loop. */
export function summarizeToolResults(results: readonly EnvelopeResult[]): string {
  if (results.length === 0) return 'The tools returned no results.';
  const parts = results.map((result) => {
    const label = `${result.name ?? result.call_id}${result.is_error ? ' (error)' : ''}`;
    return `${label}: ${result.content.trim().slice(0, quoteLength)}`;
  });
  return `Based on the tool results: ${parts.join('; ')}`;
}
