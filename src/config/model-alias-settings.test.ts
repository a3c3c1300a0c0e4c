import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.ts';
import { describeAliasProblem } from './model-alias-settings.ts';

const load = (aliases: unknown) =>
  loadConfig({
    workingDirectory: '/nonexistent-sfgw-folder',
    environment: { MODEL_ALIASES: typeof aliases === 'string' ? aliases : JSON.stringify(aliases) },
  });

describe('MODEL_ALIASES', () => {
  it('keeps string values as they are and takes the object form with or without a surface', async () => {
    const aliases = {
      'fast-claude': { model: 'sfdc_ai__DefaultBedrockAnthropicClaude45Sonnet', surface: 'native' },
      'gpt-4o': 'sfdc_ai__DefaultGPT4Omni',
      plain: { model: 'sfdc_ai__DefaultGPT41' },
    };
    expect((await load(aliases)).config.modelAliases).toEqual(aliases);
  });

  it.each([
    [
      { x: { model: 'sfdc_ai__A', surface: 'fast' } },
      /alias "x" has surface "fast"; use models, native or auto/,
    ],
    [{ x: { surface: 'native' } }, /alias "x" needs "model": the Salesforce API name/],
    [{ x: { model: '' } }, /alias "x" needs "model"/],
    [{ x: { model: 'sfdc_ai__A', surfaces: 'native' } }, /alias "x" has unknown key "surfaces"/],
    [{ x: 12 }, /alias "x" maps to neither a string nor an object/],
    [{ x: '' }, /alias "x" maps to an empty name/],
    [['sfdc_ai__A'], /must be a JSON object mapping each alias/],
  ])('refuses %j with one line naming the alias and the fix', async (aliases, message) => {
    const error = await load(aliases).catch((thrown: Error) => thrown);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^MODEL_ALIASES must be a JSON object mapping each alias/);
    expect((error as Error).message).toMatch(message);
  });

  it('refuses text that is not JSON', async () => {
    await expect(load('{nope')).rejects.toThrow(/^MODEL_ALIASES must be a JSON object/);
  });

  it('finds nothing wrong with an empty map', () => {
    expect(describeAliasProblem({})).toBeUndefined();
  });
});
