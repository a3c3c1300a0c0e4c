import { describe, expect, it } from 'vitest';
import type { GatewayError } from '../../../core/errors.ts';
import type { FeedbackRequest } from '../../../core/model.ts';
import { thrownGatewayError } from '../../shared/decode.fixtures.ts';
import { decodeFeedbackRequest } from './decode.ts';

function decodeFailure(body: unknown): GatewayError {
  return thrownGatewayError(() => decodeFeedbackRequest(body));
}

const full: FeedbackRequest = {
  id: 'fb-1',
  generationId: 'b8e1d7a2-46c3-4f0a-9a5e-71c2d3f40e19',
  feedback: 'BAD',
  feedbackText: 'Skipped the safety step.',
  source: 'HUMAN',
  appFeedback: { surface: 'mobile', rating: 2 },
  appGenerationId: 'app-gen-9',
  appGeneration: 'Step 1…',
};

describe('decodeFeedbackRequest', () => {
  it.each<[string, Record<string, unknown>, FeedbackRequest]>([
    [
      'snake_case fields',
      {
        id: 'fb-1',
        generation_id: 'b8e1d7a2-46c3-4f0a-9a5e-71c2d3f40e19',
        feedback: 'BAD',
        feedback_text: 'Skipped the safety step.',
        source: 'HUMAN',
        app_feedback: { surface: 'mobile', rating: 2 },
        app_generation_id: 'app-gen-9',
        app_generation: 'Step 1…',
      },
      full,
    ],
    [
      "Salesforce's camelCase fields",
      {
        id: 'fb-1',
        generationId: 'b8e1d7a2-46c3-4f0a-9a5e-71c2d3f40e19',
        feedback: 'BAD',
        feedbackText: 'Skipped the safety step.',
        source: 'HUMAN',
        appFeedback: { surface: 'mobile', rating: 2 },
        appGenerationId: 'app-gen-9',
        appGeneration: 'Step 1…',
      },
      full,
    ],
    [
      'both spellings with equal values, plus unknown keys',
      {
        id: 'fb-1',
        generation_id: 'gen-1',
        generationId: 'gen-1',
        app_feedback: { rating: 2 },
        appFeedback: { rating: 2 },
        extra: true,
      },
      { id: 'fb-1', generationId: 'gen-1', appFeedback: { rating: 2 } },
    ],
    [
      'only the required ids, nulls as unset',
      { id: 'fb-2', generation_id: 'chatcmpl-anything', feedback: null, feedbackText: null },
      { id: 'fb-2', generationId: 'chatcmpl-anything' },
    ],
  ])('decodes %s', (_label, body, expected) => {
    expect(decodeFeedbackRequest(body)).toEqual(expected);
  });

  it.each<[string, unknown, string, string]>([
    ['a missing id', { generation_id: 'g' }, 'id', 'id is required.'],
    ['a numeric id', { id: 7, generation_id: 'g' }, 'id', 'id must be a string; got 7.'],
    [
      'a missing generation id',
      { id: 'fb-1' },
      'generation_id',
      'generation_id is required: the id of the generation the feedback is about (the x-sfgw-generation-id response header).',
    ],
    [
      'an empty generation id',
      { id: 'fb-1', generationId: '' },
      'generationId',
      'generationId must not be empty.',
    ],
    [
      'a generation id spelt two ways with different values',
      { id: 'fb-1', generation_id: 'a', generationId: 'b' },
      'generation_id',
      'generation_id and generationId are one field spelt two ways, sent with different values; send only one.',
    ],
    [
      'app_feedback that is not an object',
      { id: 'fb-1', generation_id: 'g', app_feedback: 'great' },
      'app_feedback',
      'app_feedback must be an object; got "great".',
    ],
    [
      'a body that is not an object',
      'fb',
      '',
      'The request body must be a JSON object with "id" and "generation_id".',
    ],
  ])('refuses %s, naming the field', (_label, body, param, message) => {
    const error = decodeFailure(body);
    expect(error.status).toBe(400);
    expect(error.param ?? '').toBe(param);
    expect(error.message).toBe(message);
  });
});
