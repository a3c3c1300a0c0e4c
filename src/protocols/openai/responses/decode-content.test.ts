import { describe, expect, it } from 'vitest';
import { decodeResponsesRequest } from './decode.ts';

const base = { model: 'my-model' };

describe('decodeResponsesRequest: input_image', () => {
  it('turns image_url parts into image parts and lists each part path in neutral order', () => {
    const { request, fieldNames } = decodeResponsesRequest({
      ...base,
      instructions: 'Describe images.',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'Compare:' },
            { type: 'input_image', image_url: 'https://example.com/a.png', detail: 'low' },
          ],
        },
        {
          type: 'message',
          role: 'user',
          content: [{ type: 'input_image', image_url: 'data:image/png;base64,AAAA' }],
        },
      ],
    });
    expect(request.messages).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'Describe images.' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare:' },
          { type: 'image', url: 'https://example.com/a.png' },
        ],
      },
      { role: 'user', content: [{ type: 'image', url: 'data:image/png;base64,AAAA' }] },
    ]);
    expect(fieldNames.imageParts).toEqual(['input[0].content[1]', 'input[1].content[0]']);
  });

  it('refuses an image given by file_id, naming the part', () => {
    const input = [{ role: 'user', content: [{ type: 'input_image', file_id: 'file-1' }] }];
    expect(() => decodeResponsesRequest({ ...base, input })).toThrow(
      expect.objectContaining({
        status: 400,
        param: 'input[0].content[0]',
        code: 'unsupported_content',
        message:
          'input[0].content[0] is an image given by file_id, which this gateway cannot read: it stores no files. Send the image as image_url, an https or data URL.',
      }),
    );
  });

  it('keeps an image inside a function_call_output as a placeholder, out of the image paths', () => {
    const { request, fieldNames } = decodeResponsesRequest({
      ...base,
      input: [
        { type: 'function_call', call_id: 'c1', name: 'shot', arguments: '{}' },
        {
          type: 'function_call_output',
          call_id: 'c1',
          output: [{ type: 'input_image', image_url: 'https://x/y.png' }],
        },
      ],
    });
    expect(request.messages[1]?.content).toEqual([
      {
        type: 'tool-result',
        callId: 'c1',
        content: '[an image omitted: the model accepts text only]',
        isError: false,
      },
    ]);
    expect(fieldNames.imageParts).toEqual([]);
  });
});
