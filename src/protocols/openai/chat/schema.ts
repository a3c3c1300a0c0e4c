import { z } from 'zod';
import {
  modelNameSchema,
  outputTokensSchema,
  reasoningEffortSchema,
  toolNameSchema,
} from '../../shared/field-schemas.ts';
import { stopSchema } from '../decode-sampling.ts';

// The chat completions request as real clients send it. Every object is loose (unknown keys
// pass through) and nullable fields accept null, because SDKs and frameworks send both.

const textPartSchema = z.looseObject({ type: z.literal('text'), text: z.string() });

const userPartSchema = z.discriminatedUnion('type', [
  textPartSchema,
  z.looseObject({
    type: z.literal('image_url'),
    image_url: z.union([z.looseObject({ url: z.string() }), z.string()]),
  }),
  z.looseObject({ type: z.literal('input_audio') }),
  z.looseObject({ type: z.literal('file') }),
]);

const assistantPartSchema = z.discriminatedUnion('type', [
  textPartSchema,
  z.looseObject({ type: z.literal('refusal'), refusal: z.string() }),
]);

const textContentSchema = z.union([z.string(), z.array(textPartSchema)]);

// `arguments` is a JSON string on the wire, but some clients send the object itself.
const functionToolCallSchema = z.looseObject({
  id: z.string(),
  type: z.literal('function').nullish(),
  function: z.looseObject({ name: z.string(), arguments: z.unknown() }),
});

// A custom (freeform) tool's call: `input` is the raw text the model wrote.
const customToolCallSchema = z.looseObject({
  id: z.string(),
  type: z.literal('custom'),
  custom: z.looseObject({ name: z.string(), input: z.string() }),
});

// The type decides the branch (absent means function), so errors name the right fields.
const toolCallSchema = z.discriminatedUnion('type', [functionToolCallSchema, customToolCallSchema]);

const legacyFunctionCallSchema = z.looseObject({ name: z.string(), arguments: z.unknown() });

const messageSchema = z.discriminatedUnion('role', [
  z.looseObject({
    role: z.literal('system'),
    content: textContentSchema.nullish(),
    name: z.string().nullish(),
  }),
  z.looseObject({
    role: z.literal('developer'),
    content: textContentSchema.nullish(),
    name: z.string().nullish(),
  }),
  z.looseObject({
    role: z.literal('user'),
    content: z.union([z.string(), z.array(userPartSchema)]),
    name: z.string().nullish(),
  }),
  z.looseObject({
    role: z.literal('assistant'),
    content: z.union([z.string(), z.array(assistantPartSchema)]).nullish(),
    name: z.string().nullish(),
    tool_calls: z.array(toolCallSchema).nullish(),
    function_call: legacyFunctionCallSchema.nullish(),
  }),
  z.looseObject({ role: z.literal('tool'), content: textContentSchema.nullish(), tool_call_id: z.string() }),
  z.looseObject({ role: z.literal('function'), content: z.string().nullish(), name: z.string() }),
]);

const functionDefinitionSchema = z.looseObject({
  name: toolNameSchema,
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});

const customFormatSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({
    type: z.literal('grammar'),
    grammar: z.looseObject({ syntax: z.string().min(1), definition: z.string() }),
  }),
]);

const toolSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('function'), function: functionDefinitionSchema }),
  z.looseObject({
    type: z.literal('custom'),
    custom: z.looseObject({
      name: toolNameSchema,
      description: z.string().nullish(),
      format: customFormatSchema.nullish(),
    }),
  }),
]);

const namedFunctionSchema = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({ name: z.string() }),
});

const toolChoiceSchema = z.union([
  z.string(),
  z.discriminatedUnion('type', [
    namedFunctionSchema,
    z.looseObject({ type: z.literal('custom'), custom: z.looseObject({ name: z.string() }) }),
    z.looseObject({
      type: z.literal('allowed_tools'),
      allowed_tools: z.looseObject({
        mode: z.enum(['auto', 'required']),
        tools: z.array(namedFunctionSchema),
      }),
    }),
  ]),
]);

const responseFormatSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    json_schema: z.looseObject({
      name: z.string().min(1),
      description: z.string().nullish(),
      // optional in Chat Completions (not in the Responses API): without it, any JSON object
      schema: z.record(z.string(), z.unknown()).nullish(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

const maxTokensSchema = outputTokensSchema.nullish();
const penaltySchema = z.number().min(-2).max(2).nullish();

/** `POST /v1/chat/completions` body. Fields without any effect here are validated no further. */
export const chatCompletionRequestSchema = z.looseObject({
  model: modelNameSchema,
  messages: z.array(messageSchema).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  top_k: z.int().positive().nullish(),
  seed: z.int().nullish(),
  presence_penalty: penaltySchema,
  frequency_penalty: penaltySchema,
  max_tokens: maxTokensSchema,
  max_completion_tokens: maxTokensSchema,
  n: z.int().nullish(),
  stop: stopSchema.nullish(),
  tools: z.array(toolSchema).nullish(),
  tool_choice: toolChoiceSchema.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  response_format: responseFormatSchema.nullish(),
  functions: z.array(functionDefinitionSchema).nullish(),
  function_call: z.union([z.string(), z.looseObject({ name: z.string() })]).nullish(),
  reasoning_effort: reasoningEffortSchema.nullish(),
});

/** A validated chat completions body. */
export type ChatCompletionRequestBody = z.infer<typeof chatCompletionRequestSchema>;

/** One validated message of the body. */
export type ChatCompletionMessage = ChatCompletionRequestBody['messages'][number];
