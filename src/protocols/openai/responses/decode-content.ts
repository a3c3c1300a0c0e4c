import { GatewayError } from '../../../core/errors.ts';
import type { TextPart } from '../../../core/model.ts';
import { formatParam } from '../../shared/map-validation-issue.ts';
import { validate } from '../../shared/validate.ts';
import { refusalPartSchema, textPartSchema, type WireTypedObject } from './schema.ts';

// Content policy (the upstream takes plain text only):
// - input_text and output_text (how clients replay earlier answers) become text; a refusal the
//   assistant gave earlier becomes its text.
// - input_image, input_file and any other part in a message are refused with a 400 naming the
//   part: answering without content the user sent would be worse than saying so.
// - inside a function_call_output the same parts become a placeholder line instead, so that one
//   screenshot returned by a tool does not fail a whole agent turn.

const partNames: Record<string, string> = {
  input_image: 'an image',
  input_file: 'a file',
  input_audio: 'audio',
};

/** A message's `content` (a string or parts) -> text parts; `path` locates it for errors. */
export function decodeMessageContent(
  content: string | WireTypedObject[] | null | undefined,
  path: PropertyKey[],
): TextPart[] {
  if (typeof content === 'string') return textParts(content);
  return (content ?? []).flatMap((part, index) => {
    const partPath = [...path, index];
    const text = readPartText(part, partPath);
    if (text === undefined) throw refuse(part, partPath);
    return textParts(text);
  });
}

/** A function_call_output's `output` -> the result text; non-text parts become placeholders. */
export function decodeToolOutput(
  output: string | WireTypedObject[] | null | undefined,
  path: PropertyKey[],
): string {
  if (typeof output === 'string') return output;
  return (output ?? [])
    .map((part, index) => readPartText(part, [...path, index]) ?? placeholder(part.type))
    .join('\n');
}

function readPartText(part: WireTypedObject, path: PropertyKey[]): string | undefined {
  switch (part.type) {
    case 'input_text':
    case 'output_text':
    case 'text':
      return validate(textPartSchema, part, path).text;
    case 'refusal':
      return validate(refusalPartSchema, part, path).refusal;
    default:
      return undefined;
  }
}

function textParts(text: string): TextPart[] {
  return text === '' ? [] : [{ type: 'text', text }];
}

function placeholder(type: string): string {
  return `[${partNames[type] ?? `a ${type} part`} omitted: the model accepts text only]`;
}

function refuse(part: WireTypedObject, path: PropertyKey[]): GatewayError {
  const param = formatParam(path);
  const what = partNames[part.type] ?? `a "${part.type}" part`;
  return new GatewayError(
    'invalid_request',
    `${param} is ${what}, but the Salesforce Models API accepts text only; send the content as text.`,
    { param, code: 'unsupported_content' },
  );
}
