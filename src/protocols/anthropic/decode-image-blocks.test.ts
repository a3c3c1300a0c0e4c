import { describe, expect, it } from 'vitest';
import { decodeMessagesRequest } from './decode.ts';

const base = { model: 'claude-sonnet-5', max_tokens: 1024 };

describe('decodeMessagesRequest: image blocks', () => {
  it('turns base64 and url sources into image parts and lists each block path in order', () => {
    const { request, fieldNames } = decodeMessagesRequest({
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare:' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } },
          ],
        },
        { role: 'assistant', content: 'Send the other one.' },
        {
          role: 'user',
          content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/b.jpg' } }],
        },
      ],
    });
    expect(request.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare:' },
          { type: 'image', url: 'data:image/png;base64,iVBOR' },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'Send the other one.' }] },
      { role: 'user', content: [{ type: 'image', url: 'https://example.com/b.jpg' }] },
    ]);
    expect(fieldNames.imageParts).toEqual(['messages[0].content[1]', 'messages[2].content[0]']);
  });

  it('leaves an image inside a tool_result out of the image paths: it becomes a placeholder', () => {
    const { fieldNames } = decodeMessagesRequest({
      ...base,
      messages: [
        { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'shot', input: {} }] },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 't1',
              content: [{ type: 'image', source: { type: 'url', url: 'https://x/y.png' } }],
            },
          ],
        },
      ],
    });
    expect(fieldNames.imageParts).toEqual([]);
  });

  it('names the missing field of a malformed base64 source', () => {
    const image = { type: 'image', source: { type: 'base64', data: 'iVBOR' } };
    expect(() => decodeMessagesRequest({ ...base, messages: [{ role: 'user', content: [image] }] })).toThrow(
      expect.objectContaining({ status: 400, param: 'messages[0].content[0].source.media_type' }),
    );
  });
});
