import { describeBadInputTable } from './describe-bad-input-table.ts';
import { openAIBodyCases } from './openai-body.fixtures.ts';
import { openAIFieldCases } from './openai-fields.fixtures.ts';
import { hostileBodyLimitBytes, openAIHostileCases } from './openai-hostile.fixtures.ts';
import { openAISettingCases } from './openai-settings.fixtures.ts';
import { openAIToolCases } from './openai-tools.fixtures.ts';
import { openAIProtocol } from './request-bodies.fixtures.ts';

describeBadInputTable('OpenAI chat: bodies that are not JSON objects', openAIProtocol, openAIBodyCases);
describeBadInputTable('OpenAI chat: hostile bodies', openAIProtocol, openAIHostileCases, {
  settings: { BODY_LIMIT_BYTES: String(hostileBodyLimitBytes) },
});
describeBadInputTable('OpenAI chat: model and messages', openAIProtocol, openAIFieldCases);
describeBadInputTable('OpenAI chat: tools and formats', openAIProtocol, openAIToolCases);
describeBadInputTable('OpenAI chat: generation settings', openAIProtocol, openAISettingCases);
