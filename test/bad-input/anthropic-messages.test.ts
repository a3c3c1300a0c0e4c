import { anthropicBodyCases, anthropicBodyLimitBytes } from './anthropic-body.fixtures.ts';
import { anthropicFieldCases } from './anthropic-fields.fixtures.ts';
import { anthropicToolCases } from './anthropic-tools.fixtures.ts';
import { describeBadInputTable } from './describe-bad-input-table.ts';
import { anthropicProtocol } from './request-bodies.fixtures.ts';

describeBadInputTable('Anthropic messages: bodies', anthropicProtocol, anthropicBodyCases, {
  settings: { BODY_LIMIT_BYTES: String(anthropicBodyLimitBytes) },
});
describeBadInputTable(
  'Anthropic messages: model, messages and system',
  anthropicProtocol,
  anthropicFieldCases,
);
describeBadInputTable(
  'Anthropic messages and count_tokens: tools and settings',
  anthropicProtocol,
  anthropicToolCases,
);
