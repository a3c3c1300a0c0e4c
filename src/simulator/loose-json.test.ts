import { describe, expect, it } from 'vitest';
import { writeLooseJson } from './loose-json.ts';

const value = { name: "it's", list: [1, true, null], empty: {}, none: [] };

describe('writeLooseJson', () => {
  it('writes strict JSON when asked for double quotes and no trailing commas', () => {
    expect(writeLooseJson(value, { quote: '"', trailingCommas: false })).toBe(JSON.stringify(value));
  });

  it('adds a trailing comma to every non-empty object and array', () => {
    expect(writeLooseJson(value, { quote: '"', trailingCommas: true })).toBe(
      `{"name":"it's","list":[1,true,null,],"empty":{},"none":[],}`,
    );
  });

  it('uses single quotes, escaping single quotes and leaving double quotes bare', () => {
    expect(writeLooseJson({ say: 'a "b" \'c\'\n' }, { quote: "'", trailingCommas: false })).toBe(
      `{'say':'a "b" \\'c\\'\\n'}`,
    );
  });
});
