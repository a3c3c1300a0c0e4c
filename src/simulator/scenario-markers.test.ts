import { describe, expect, it } from 'vitest';
import { buildStructuredOutputCorrection } from '../emulation/structured-output-prompt.ts';
import { readScenarioMarkers } from './scenario-markers.ts';

describe('readScenarioMarkers', () => {
  it('defaults to the envelope and clean JSON', () => {
    expect(readScenarioMarkers('What is the weather?')).toEqual({
      toolShape: 'envelope',
      jsonShape: 'clean',
      correctedAfterJsonMarker: false,
    });
  });

  it('takes the last marker of each kind and ignores unknown shape names', () => {
    expect(readScenarioMarkers('#tool-shape=fenced #json-shape=invalid\nlater #tool-shape=bare')).toEqual({
      toolShape: 'bare',
      jsonShape: 'invalid',
      correctedAfterJsonMarker: false,
    });
    expect(readScenarioMarkers('#tool-shape=fenced then #tool-shape=sideways').toolShape).toBe('envelope');
  });

  it('notices a correction only when it comes after the JSON marker', () => {
    const correction = buildStructuredOutputCorrection('missing property "age"');
    expect(
      readScenarioMarkers(`#json-shape=invalid-then-valid\n${correction}`).correctedAfterJsonMarker,
    ).toBe(true);
    expect(
      readScenarioMarkers(`${correction}\n#json-shape=invalid-then-valid`).correctedAfterJsonMarker,
    ).toBe(false);
  });
});
