import { describe, expect, it } from 'vitest';
import { generationRequest, scriptedProvider, testContext, textRequest } from './provider.fixtures.ts';
import { createStopSequenceProvider } from './stop-sequence-provider.ts';

describe('createStopSequenceProvider', () => {
  it('cuts a chat answer at the earliest stop sequence of the request', async () => {
    const upstream = scriptedProvider({ replies: ['one, two. three'] });
    const provider = createStopSequenceProvider(upstream.provider);
    const result = await provider.chat(textRequest('Count.', { stopSequences: ['.', ','] }), testContext);
    expect(result.content).toEqual([{ type: 'text', text: 'one' }]);
    expect(result.finishReason).toEqual({ unified: 'stop-sequence', raw: 'stop', stopSequence: ',' });
  });

  it('cuts a bare-prompt answer too', async () => {
    const upstream = scriptedProvider({ replies: ['one END two'] });
    const provider = createStopSequenceProvider(upstream.provider);
    const result = await provider.generate(generationRequest('Count.', ['END']), testContext);
    expect(result.content).toEqual([{ type: 'text', text: 'one ' }]);
  });
});
