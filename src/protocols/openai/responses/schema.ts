import { z } from 'zod';
import {
  modelNameSchema,
  outputTokensSchema,
  reasoningEffortSchema,
  toolNameSchema,
} from '../../shared/field-schemas.ts';

// The Responses API request as real clients send it (openai-node, LangChain, n8n, Vercel). Every
// object is loose and optional fields accept null. Input items, content parts and tools are only
// checked for their shape here; decode validates each against its own schema below, so that a
// type this file does not know gets a clear answer instead of a union mismatch.

/** Anything with a `type`: a content part or a tool, before its type-specific validation. */
export const typedObjectSchema = z.looseObject({ type: z.string() });

/** One input item before validation; `type` may be absent (easy messages, item references). */
export const inputItemSchema = z.looseObject({ type: z.string().nullish() });

/** `{type: "input_text" | "output_text", text}`; `output_text` is how clients replay answers. */
export const textPartSchema = z.looseObject({
  type: z.enum(['input_text', 'output_text', 'text']),
  text: z.string(),
});

/** An image part: by URL (https or data), or by the id of an uploaded file. */
export const imagePartSchema = z.looseObject({
  type: z.literal('input_image'),
  image_url: z.string().min(1).nullish(),
  file_id: z.string().nullish(),
});

/** A refusal the assistant gave earlier. */
export const refusalPartSchema = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });

/** A message item: the easy form (`type` absent) or the full one. */
export const messageItemSchema = z.looseObject({
  type: z.literal('message').nullish(),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: z.union([z.string(), z.array(typedObjectSchema)]).nullish(),
});

/** A function call the assistant made; `arguments` is a JSON string (some clients send the object). */
export const functionCallItemSchema = z.looseObject({
  type: z.literal('function_call'),
  call_id: z.string().min(1),
  name: z.string().min(1),
  arguments: z.unknown(),
});

/** The client's result for a function call; output is a string or content parts. A missing output
 * (n8n sends none when no tool matched) is an empty result. */
export const functionCallOutputItemSchema = z.looseObject({
  type: z.literal('function_call_output'),
  call_id: z.string().min(1),
  output: z.union([z.string(), z.array(typedObjectSchema)]).nullish(),
});

/** A custom tool's call: `input` is the raw text the model wrote. */
export const customToolCallItemSchema = z.looseObject({
  type: z.literal('custom_tool_call'),
  call_id: z.string().min(1),
  name: z.string().min(1),
  input: z.string(),
});

/** The client's result for a custom tool call. */
export const customToolCallOutputItemSchema = z.looseObject({
  type: z.literal('custom_tool_call_output'),
  call_id: z.string().min(1),
  output: z.union([z.string(), z.array(typedObjectSchema)]).nullish(),
});

/** The input format of a custom tool: free text, or text a grammar accepts. */
export const customToolFormatSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('grammar'), syntax: z.string().min(1), definition: z.string() }),
]);

/** A custom (freeform) tool: it takes raw text instead of JSON arguments. */
export const customToolSchema = z.looseObject({
  type: z.literal('custom'),
  name: toolNameSchema,
  description: z.string().nullish(),
  format: customToolFormatSchema.nullish(),
});

/** A function tool in the Responses API's flat form. */
export const functionToolSchema = z.looseObject({
  type: z.literal('function'),
  name: toolNameSchema,
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});

const textFormatSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    name: z.string().min(1),
    description: z.string().nullish(),
    schema: z.record(z.string(), z.unknown()),
    strict: z.boolean().nullish(),
  }),
]);

const toolChoiceSchema = z.union([z.string(), typedObjectSchema]);

/** `POST /v1/responses` body. Fields without any effect here are validated no further. */
export const responsesRequestSchema = z.looseObject({
  model: modelNameSchema,
  input: z.union([z.string(), z.array(inputItemSchema).min(1)]),
  instructions: z.string().nullish(),
  tools: z.array(typedObjectSchema).nullish(),
  tool_choice: toolChoiceSchema.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  text: z.looseObject({ format: textFormatSchema.nullish(), verbosity: z.string().nullish() }).nullish(),
  max_output_tokens: outputTokensSchema.nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  stream: z.boolean().nullish(),
  store: z.boolean().nullish(),
  background: z.boolean().nullish(),
  previous_response_id: z.string().nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  truncation: z.enum(['auto', 'disabled']).nullish(),
  reasoning: z
    .looseObject({ effort: reasoningEffortSchema.nullish(), summary: z.string().nullish() })
    .nullish(),
});

/** A validated Responses body. */
export type ResponsesRequestBody = z.infer<typeof responsesRequestSchema>;

/** One input item, before its type-specific validation. */
export type WireInputItem = z.infer<typeof inputItemSchema>;

/** A content part or tool, before its type-specific validation. */
export type WireTypedObject = z.infer<typeof typedObjectSchema>;

/** A validated `text.format`. */
export type WireTextFormat = z.infer<typeof textFormatSchema>;
