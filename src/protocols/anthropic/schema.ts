import { z } from 'zod';
import {
  modelNameSchema,
  outputTokensSchema,
  reasoningEffortSchema,
  stopSequenceListSchema,
  toolNameSchema,
} from '../shared/field-schemas.ts';

// The Messages API request as real clients send it. Every object is loose (unknown keys and beta
// fields pass through) and optional fields accept null. Content blocks are only checked for a
// `type` here; decode validates each block against its own schema below, so that a block type
// this file does not know gets a clear answer instead of a union mismatch.

/** Any content block: the type decides which schema below applies. */
export const anyBlockSchema = z.looseObject({ type: z.string() });

/** `{type: "text", text}`; `cache_control` and `citations` have no effect and pass through. */
export const textBlockSchema = z.looseObject({ type: z.literal('text'), text: z.string() });

/** A tool call the assistant made; `input` is the arguments object. */
export const toolUseBlockSchema = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.unknown(),
});

/** The client's result for a tool call; content is a string or blocks. */
export const toolResultBlockSchema = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: z.union([z.string(), z.array(anyBlockSchema)]).nullish(),
  is_error: z.boolean().nullish(),
});

/** An image; its source says where the bytes are. */
export const imageBlockSchema = z.looseObject({ type: z.literal('image'), source: anyBlockSchema });

/** An image sent inline. */
export const base64ImageSourceSchema = z.looseObject({
  type: z.literal('base64'),
  media_type: z.string().min(1),
  data: z.string().min(1),
});

/** An image the upstream fetches itself. */
export const urlImageSourceSchema = z.looseObject({ type: z.literal('url'), url: z.string().min(1) });

/** A document; only its source decides whether its text can be read. */
export const documentBlockSchema = z.looseObject({
  type: z.literal('document'),
  source: anyBlockSchema,
  title: z.string().nullish(),
  context: z.string().nullish(),
});

/** A plain-text document source. */
export const plainTextSourceSchema = z.looseObject({ type: z.literal('text'), data: z.string() });

/** A document source given as a string or as blocks. */
export const contentSourceSchema = z.looseObject({
  type: z.literal('content'),
  content: z.union([z.string(), z.array(anyBlockSchema)]),
});

/** A search result the client supplies as context. */
export const searchResultBlockSchema = z.looseObject({
  type: z.literal('search_result'),
  source: z.string(),
  title: z.string(),
  content: z.array(textBlockSchema),
});

const systemSchema = z.union([z.string(), z.array(textBlockSchema)]);

const messageSchema = z.looseObject({
  role: z.enum(['user', 'assistant', 'system']),
  content: z.union([z.string(), z.array(anyBlockSchema)]),
});

// `type` is absent or "custom" for client tools; server tools carry a versioned type such as
// "web_search_20250305" and no input_schema.
const toolSchema = z.looseObject({
  name: toolNameSchema,
  type: z.string().nullish(),
  description: z.string().nullish(),
  input_schema: z.record(z.string(), z.unknown()).nullish(),
});

const parallelSchema = { disable_parallel_tool_use: z.boolean().nullish() };

const toolChoiceSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('auto'), ...parallelSchema }),
  z.looseObject({ type: z.literal('any'), ...parallelSchema }),
  z.looseObject({ type: z.literal('tool'), name: z.string().min(1), ...parallelSchema }),
  z.looseObject({ type: z.literal('none') }),
]);

// Each stop sequence is searched for over the whole answer, so their number is bounded: 32 is far
// more than clients send and costs about 60 ms at worst against a 512 KB answer.
const maximumStopSequences = 32;

// The smallest thinking budget the Messages API accepts.
const minimumThinkingBudget = 1024;

// `display: "omitted"` asks for thinking without its text. A request the Messages API would refuse
// is refused here too, so that it fails the same way on every upstream.
const displaySchema = { display: z.string().nullish() };
const thinkingSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('enabled'),
    budget_tokens: z.int().min(minimumThinkingBudget),
    ...displaySchema,
  }),
  z.looseObject({ type: z.literal('disabled') }),
  z.looseObject({ type: z.literal('adaptive'), ...displaySchema }),
]);

const outputFormatSchema = z.looseObject({
  type: z.literal('json_schema'),
  schema: z.record(z.string(), z.unknown()),
});

/** The body of `POST /v1/messages/count_tokens`: a Messages body without `max_tokens`. */
export const countTokensRequestSchema = z.looseObject({
  model: modelNameSchema,
  messages: z.array(messageSchema).min(1),
  system: systemSchema.nullish(),
  tools: z.array(toolSchema).nullish(),
  tool_choice: toolChoiceSchema.nullish(),
  max_tokens: outputTokensSchema.nullish(),
  stream: z.boolean().nullish(),
  stop_sequences: stopSequenceListSchema(maximumStopSequences).nullish(),
  temperature: z.number().min(0).max(1).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  top_k: z.int().nonnegative().nullish(),
  thinking: thinkingSchema.nullish(),
  output_config: z
    .looseObject({ effort: reasoningEffortSchema.nullish(), format: outputFormatSchema.nullish() })
    .nullish(),
  /** The structured-outputs beta's name for output_config.format. */
  output_format: outputFormatSchema.nullish(),
});

/** The body of `POST /v1/messages`. */
export const messagesRequestSchema = countTokensRequestSchema.extend({ max_tokens: outputTokensSchema });

/** A validated Messages (or count_tokens) body. */
export type MessagesRequestBody = z.infer<typeof countTokensRequestSchema>;

/** One validated entry of `messages`. */
export type WireMessage = z.infer<typeof messageSchema>;

/** One content block, before its type-specific validation. */
export type WireBlock = z.infer<typeof anyBlockSchema>;
