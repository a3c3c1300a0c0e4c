import { randomUUID } from 'node:crypto';
import { GatewayError } from '../../../core/errors.ts';
import type { ChatResult } from '../../../core/model.ts';
import { asJsonObject, asString, type JsonObject } from '../shared/as-json-object.ts';
import { mapBedrockUsage } from './map-bedrock-usage.ts';
import { mapErrorBody } from './map-error-body.ts';
import { mapStopReason } from './map-stop-reason.ts';

/** A whole Anthropic Message (the 200 of `/invoke`) -> the neutral result; an error-shaped body throws. */
export function parseBedrockResponse(body: unknown, now: () => number): ChatResult {
  const error = mapErrorBody(body);
  if (error) throw error;
  const message = asJsonObject(body);
  if (!message || !Array.isArray(message.content)) throw malformed('the answer has no content array');
  return {
    id: asString(message.id) || randomUUID(),
    servedModel: asString(message.model) || 'unknown',
    // Anthropic messages carry no creation time
    created: Math.floor(now() / 1000),
    content: message.content.flatMap((block) => mapBlock(asJsonObject(block))),
    finishReason: mapStopReason(message.stop_reason, message.stop_sequence),
    usage: mapBedrockUsage(message.usage),
  };
}

function mapBlock(block: JsonObject | undefined): ChatResult['content'] {
  switch (block?.type) {
    case 'text': {
      const text = asString(block.text) ?? '';
      return text === '' ? [] : [{ type: 'text', text }];
    }
    case 'tool_use':
      return [
        {
          type: 'tool-call',
          id: asString(block.id) ?? randomUUID(),
          name: asString(block.name) ?? '',
          arguments: block.input ?? {},
        },
      ];
    case 'thinking': {
      const signature = asString(block.signature);
      return [
        { type: 'reasoning', text: asString(block.thinking) ?? '', ...(signature ? { signature } : {}) },
      ];
    }
    case 'redacted_thinking':
      return [{ type: 'reasoning', text: '', redactedData: asString(block.data) ?? '' }];
    // server-tool and other newer blocks carry nothing the neutral result can hold
    default:
      return [];
  }
}

function malformed(reason: string): GatewayError {
  return new GatewayError('upstream_error', `Salesforce sent an answer the gateway cannot read: ${reason}.`, {
    retryable: false,
  });
}
