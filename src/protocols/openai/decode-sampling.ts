import { z } from 'zod';
import type { SamplingSettings } from '../../core/model.ts';
import { stopSequenceListSchema, stopSequenceSchema } from '../shared/field-schemas.ts';

/** OpenAI's own limit on the number of stop sequences. */
const maximumStopSequences = 4;

/** `stop`: one sequence or a list of them, as chat and legacy completions both take it. */
export const stopSchema = z.union([stopSequenceSchema, stopSequenceListSchema(maximumStopSequences)]);

/** The sampling fields chat and legacy completions bodies share, as validated (null means unset). */
export interface WireSamplingFields {
  temperature?: number | null;
  top_p?: number | null;
  top_k?: number | null;
  seed?: number | null;
  presence_penalty?: number | null;
  frequency_penalty?: number | null;
}

/** Wire sampling fields -> neutral settings holding only what the client set. */
export function decodeSampling(wire: WireSamplingFields): SamplingSettings {
  const settings: SamplingSettings = {
    temperature: wire.temperature ?? undefined,
    topP: wire.top_p ?? undefined,
    topK: wire.top_k ?? undefined,
    seed: wire.seed ?? undefined,
    presencePenalty: wire.presence_penalty ?? undefined,
    frequencyPenalty: wire.frequency_penalty ?? undefined,
  };
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

/** `stop` (a string or a list) -> stop sequences; empty strings stop nothing and are dropped. */
export function decodeStop(stop: string | string[] | null | undefined): string[] {
  const sequences = typeof stop === 'string' ? [stop] : (stop ?? []);
  return sequences.filter((sequence) => sequence !== '');
}
