import { randomUUID } from 'node:crypto';
import { GatewayError } from '../../../core/errors.ts';
import type { ChatResult } from '../../../core/model.ts';
import { asJsonObject, asNonEmptyString, type JsonObject, stringOr } from '../shared/as-json-object.ts';
import { readNativeErrorBody } from '../shared/read-native-error-body.ts';
import { mapFinishReason } from './map-finish-reason.ts';
import { mapOutputItem, type OutputPart } from './map-output-item.ts';
import { mapResponsesError } from './map-responses-error.ts';
import { mapUsage } from './map-usage.ts';

/** Reads a whole Response object; an error in disguise (error set, status failed, a Salesforce error body) throws. */
export function parseResponsesResponse(body: unknown, now: () => number): ChatResult {
  const response = readResponse(body);
  const content = (response.output as unknown[])
    .map((item) => {
      const object = asJsonObject(item);
      return object ? mapOutputItem(object) : undefined;
    })
    .filter((part): part is OutputPart => part !== undefined);
  return {
    id: asNonEmptyString(response.id) ?? randomUUID(),
    servedModel: stringOr(response.model, 'unknown'),
    created: typeof response.created_at === 'number' ? response.created_at : Math.floor(now() / 1000),
    content,
    finishReason: mapFinishReason(
      response,
      content.some((part) => part.type === 'tool-call'),
    ),
    usage: mapUsage(response.usage),
  };
}

/** Checks that a body is a usable Response: not an error of any shape, and with an output list. */
function readResponse(body: unknown): JsonObject {
  const report = readNativeErrorBody(body);
  if (report) throw mapResponsesError(report);
  const response = asJsonObject(body);
  if (!response) throw malformed('the body is not a JSON object');
  if (response.status === 'failed' || response.status === 'cancelled') {
    throw mapResponsesError({ code: response.status, message: `the response ${response.status}` });
  }
  if (!Array.isArray(response.output)) throw malformed('output is missing');
  return response;
}

function malformed(reason: string): GatewayError {
  return new GatewayError(
    'upstream_error',
    `Salesforce's GPT route sent an answer the gateway cannot read: ${reason}.`,
    { retryable: false },
  );
}
