import type { FastifyRequest } from 'fastify';
import { captureJsonBody, captureTextBody } from '../observability/captured-body.ts';
import type { ConsoleActivity } from '../observability/console-activity.ts';
import type { RecentRequest, RequestBodies } from '../observability/recent-request-log.ts';
import type { FinishedRequest } from '../observability/request-statistics.ts';
import { detectProtocol } from '../protocols/client-protocol.ts';
import { clampModelName } from './clamp-model-name.ts';
import { roundToTenth } from './round-to-tenth.ts';

/**
 * Adds a finished client API request to the console's log and statistics: one row, and its bodies
 * only when capture is on. `finished`, `route` and `model` are what request observation already
 * measured and read; `modelLabel` is the model's metric label.
 */
export function logForConsole(
  activity: ConsoleActivity,
  request: FastifyRequest,
  finished: FinishedRequest,
  route: string,
  model: string | undefined,
  modelLabel: string | undefined,
): void {
  const { telemetry } = request;
  const now = Date.now();
  const row: RecentRequest = {
    id: request.id,
    time: now - Math.round(finished.durationMs),
    key: request.caller?.name ?? null,
    // by the route alone: an OpenAI route called with anthropic-version still speaks OpenAI
    protocol: detectProtocol(route, false),
    method: request.method,
    route,
    model: model === undefined ? null : clampModelName(model),
    status: finished.status,
    durationMs: roundToTenth(finished.durationMs),
    overheadMs: roundToTenth(finished.overheadMs),
    stream: finished.stream,
    inputTokens: telemetry?.inputTokens ?? null,
    outputTokens: telemetry?.outputTokens ?? null,
  };
  const bodies = activity.captureBodies ? captureBodies(request, activity.bodyMaxBytes) : null;
  activity.record(row, bodies, modelLabel, now);
}

function captureBodies(request: FastifyRequest, maxBytes: number): RequestBodies {
  const requestBody =
    request.body === undefined || request.body === null ? null : captureJsonBody(request.body, maxBytes);
  const capture = request.telemetry?.responseCapture;
  const responseText = capture?.text() ?? '';
  const responseBody = responseText === '' ? null : captureTextBody(responseText, maxBytes, capture?.cut);
  return {
    requestBody: requestBody?.text ?? null,
    responseBody: responseBody?.text ?? null,
    truncated: requestBody?.truncated === true || responseBody?.truncated === true,
  };
}
