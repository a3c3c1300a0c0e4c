import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FeedbackRequest, FeedbackResult } from '../../../core/model.ts';
import type { CallContext } from '../../../core/provider.ts';
import { createCallContextForPrompt } from '../../shared/create-call-context.ts';
import { decodeFeedbackRequest } from './decode.ts';

/** The part of the pipeline the feedback route calls. */
export interface FeedbackPipeline {
  submitFeedback(request: FeedbackRequest, context: CallContext): Promise<FeedbackResult>;
}

/** `POST /v1/feedback` (gateway extension): forwards feedback on a generation; 202 like the upstream. */
export async function handleFeedback(
  request: FastifyRequest,
  reply: FastifyReply,
  pipeline: FeedbackPipeline,
): Promise<unknown> {
  const feedbackRequest = decodeFeedbackRequest(request.body);
  const { context } = createCallContextForPrompt(request, reply, feedbackRequest.feedbackText?.length ?? 0);
  const result = await pipeline.submitFeedback(feedbackRequest, context);
  reply.code(202);
  return { object: 'feedback', status: 'accepted', message: result.message };
}
