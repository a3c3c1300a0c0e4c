import type { FastifyReply, FastifyRequest } from 'fastify';
import { appHeaders, rejectBearerToken, serveFault } from '../admission.ts';
import { recordRequest } from '../record-request.ts';
import type { NativeRoute } from '../reply-request.ts';
import type { SimulatorState } from '../simulator-state.ts';
import { sendNativeError } from './native-errors.ts';
import { matchesNativeRequest, type NativeFault } from './native-fault.ts';

/** The outcome of admission: answered already, or admitted with the stream failure to play, if any. */
export type NativeAdmission = { admitted: false } | { admitted: true; streamFault: NativeFault | undefined };

/**
 * What a native request passes before its route logic, in order: counting and recording, injected
 * faults (a delay, then a status or a broken connection), the bearer token (the same check as the
 * Models API: non-JWT 404, unknown or expired 401), and the app headers when `native.requireAppHeaders`.
 */
export async function admitNativeRequest(
  state: SimulatorState,
  route: NativeRoute,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { streamed: boolean; model: string | undefined },
): Promise<NativeAdmission> {
  state.counters.nativeRequests += 1;
  recordRequest(state, route, request, options.model);
  const fault = state.nativeFaults.take((candidate) =>
    matchesNativeRequest(candidate, { route, ...options }),
  );
  if (!(await serveFault(state, reply, fault, 0))) return { admitted: false };
  if (rejectBearerToken(state, request, reply) !== undefined) return { admitted: false };
  if (state.settings.native.requireAppHeaders) {
    const missing = appHeaders.find(([name, value]) => request.headers[name] !== value);
    if (missing !== undefined) {
      sendNativeError(reply, route, 400, `Header ${missing[0]} is missing or not '${missing[1]}'`);
      return { admitted: false };
    }
  }
  return { admitted: true, streamFault: fault?.stream === undefined ? undefined : fault };
}
