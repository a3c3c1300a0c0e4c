import { describeBadInputTable } from './describe-bad-input-table.ts';
import { openAIEndpointCases } from './openai-endpoints.fixtures.ts';
import { openAIProtocol } from './request-bodies.fixtures.ts';

describeBadInputTable('OpenAI completions, embeddings and responses', openAIProtocol, openAIEndpointCases);
