import { GatewayError } from '../../../core/errors.ts';
import type { ImagePart, TextPart } from '../../../core/model.ts';
import { formatParam } from '../../shared/map-validation-issue.ts';
import { validate } from '../../shared/validate.ts';
import { imagePartSchema, refusalPartSchema, textPartSchema, type WireTypedObject } from './schema.ts';

// Content policy:
// - input_text and output_text (how clients replay earlier answers) become text; a refusal the
//   assistant gave earlier becomes its text.
// - input_image with an image_url becomes an image part; the pipeline refuses it for a text-only
//   upstream. One given by file_id is refused here: the gateway has no file store to read it from.
// - input_file and any other part in a message are refused with a 400 naming the part: answering
//   without content the user sent would be worse than saying so.
// - inside a function_call_output the same parts become a placeholder line instead, so that one
//   screenshot returned by a tool does not fail a whole agent turn.

const partNames: Record<string, string> = {
  input_image: 'an image',
  input_file: 'a file',
  input_audio: 'audio',
};

/** A message's `content` (a string or parts) -> text and image parts; `path` locates it for
 * errors, and the path of each image part is added to `imageParts`. */
export function decodeMessageContent(
  content: string | WireTypedObject[] | null | undefined,
  path: PropertyKey[],
  imageParts: string[],
): Array<TextPart | ImagePart> {
  if (typeof content === 'string') return textParts(content);
  return (content ?? []).flatMap((part, index): Array<TextPart | ImagePart> => {
    const partPath = [...path, index];
    if (part.type === 'input_image') {
      const image = decodeImage(part, partPath);
      imageParts.push(formatParam(partPath));
      return [image];
    }
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

function decodeImage(part: WireTypedObject, path: PropertyKey[]): ImagePart {
  const image = validate(imagePartSchema, part, path);
  if (image.image_url) return { type: 'image', url: image.image_url };
  const param = formatParam(path);
  throw new GatewayError(
    'invalid_request',
    `${param} is an image given by file_id, which this gateway cannot read: it stores no files. Send the image as image_url, an https or data URL.`,
    { param, code: 'unsupported_content' },
  );
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
