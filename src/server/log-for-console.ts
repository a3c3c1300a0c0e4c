import type { FastifyRequest } from 'fastify';
import { captureJsonBody, captureTextBody } from '../observability/captured-body.ts';
import type { ConsoleActivity } from '../observability/console-activity.ts';
import type { RequestBodies } from '../observability/recent-request-log.ts';
import { roundToTenth } from './round-to-tenth.ts';

/** What request observation measured of a finished client API request. */
export interface FinishedApiRequest {
  route: string;
  status: number;
  durationMs: number;
  overheadMs: number;
  /** The model the body named, if any. */
  model: string | undefined;
  stream: boolean;
}

// A model name is echoed from the client: one absurdly long name must not fill the log.
const longestModelName = 200;

/** Adds a finished request to the console's log and statistics; its bodies only when capture is on. */
export function logForConsole(
  activity: ConsoleActivity,
  request: FastifyRequest,
  finished: FinishedApiRequest,
  modelLabel: string | undefined,
): void {
  const { telemetry } = request;
  const now = Date.now();
  const entry = {
    request: {
      id: request.id,
      time: now - Math.round(finished.durationMs),
      key: request.caller?.name ?? null,
      protocol: finished.route.startsWith('/v1/messages') ? ('anthropic' as const) : ('openai' as const),
      method: request.method,
      route: finished.route,
      model: finished.model === undefined ? null : finished.model.slice(0, longestModelName),
      status: finished.status,
      durationMs: roundToTenth(finished.durationMs),
      overheadMs: roundToTenth(finished.overheadMs),
      stream: finished.stream,
      inputTokens: telemetry?.inputTokens ?? null,
      outputTokens: telemetry?.outputTokens ?? null,
    },
    bodies: activity.captureBodies ? captureBodies(request, activity.bodyMaxBytes) : null,
  };
  activity.record(entry, modelLabel, now);
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
