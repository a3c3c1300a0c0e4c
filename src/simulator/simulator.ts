import type { AddressInfo } from 'node:net';
import { createCounters, type SimulatorCounters } from './counters.ts';
import {
  type ModelsEndpoint,
  modelsApiPath,
  nativeApiPath,
  type RecordedEndpoint,
  tokenPath,
} from './endpoints.ts';
import type { ModelsFault, TokenFault } from './faults.ts';
import type { TimestampUnit } from './generation-bodies.ts';
import type { UsageStyle } from './model-registry.ts';
import type { NativeFault } from './native/native-fault.ts';
import type { NativeSettings } from './native/native-settings.ts';
import type { Reply, Responder } from './reply-script.ts';
import type { RecordedRequest } from './request-log.ts';
import { buildSimulatorApp } from './simulator-app.ts';
import { type RateLimit, resolveSettings, type SimulatorOptions } from './simulator-settings.ts';
import { createSimulatorState } from './simulator-state.ts';

export type { SimulatorCounters } from './counters.ts';
export type { ModelsEndpoint, RecordedEndpoint } from './endpoints.ts';
export type { ConnectionFailure, ModelsFault, ModelsFaultBody, TokenFault } from './faults.ts';
export type { TimestampUnit } from './generation-bodies.ts';
export type { ModelDefinition } from './model-definition.ts';
export type { UsageStyle } from './model-registry.ts';
export type { BedrockExceptionType, NativeFault, NativeStreamFailure } from './native/native-fault.ts';
export type { NativeSettings } from './native/native-settings.ts';
export type { NativeRoute, ReplyRequest } from './reply-request.ts';
export type { Reply, Responder } from './reply-script.ts';
export type { RecordedRequest } from './request-log.ts';
export {
  type JsonReplyShape,
  jsonReplyShapes,
  type ToolCallShape,
  toolCallShapes,
} from './scenario-markers.ts';
export type { RateLimit, SimulatorOptions } from './simulator-settings.ts';
export { defaultClientId, defaultClientSecret } from './simulator-settings.ts';

/** A running simulator and the controls tests use to script it. */
export interface Simulator {
  /** Base URL, e.g. `http://127.0.0.1:PORT`: the My Domain and the api host at once. */
  url: string;
  /** The port actually listened on (useful with port 0). */
  port: number;
  /** The OAuth token endpoint. */
  tokenUrl: string;
  /** `url` + `/einstein/platform/v1`. */
  apiBaseUrl: string;
  /** `url` + `/ai/gpt/v1`: the native surface. */
  nativeBaseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Stops listening and drops open connections, hung ones included. */
  close(): Promise<void>;
  /** Restores every control, queue, limit, log and counter to start-up state; issued tokens keep working. */
  reset(): void;
  /** Queues replies consumed FIFO by generation calls on the Models API and the native surface. */
  enqueueReplies(...replies: Reply[]): void;
  /** Computes replies when the queue is empty; undefined restores the default (scenario) reply. */
  setResponder(responder: Responder | undefined): void;
  /** The last requests received on one endpoint, oldest first. */
  requests(endpoint: RecordedEndpoint): RecordedRequest[];
  clearRequests(): void;
  /** A snapshot of the call counters. */
  counters(): SimulatorCounters;
  resetCounters(): void;
  /** Queues a fault (a status, a delay or a broken connection) for the next matching Models API requests. */
  injectFault(fault: ModelsFault): void;
  /** Queues a fault (a status, a delay or a broken connection) for the next token requests. */
  injectTokenFault(fault: TokenFault): void;
  /** Queues a fault (a status, a delay, a broken connection or a broken stream) for the next native requests. */
  injectNativeFault(fault: NativeFault): void;
  /** Changes some native-surface toggles; the others keep their values. */
  setNativeSettings(settings: Partial<NativeSettings>): void;
  /** Drops every queued fault (token, Models API and native). */
  clearFaults(): void;
  /** Delays every Models API response by `delayMs` (0 turns slow mode off). */
  setSlowMode(delayMs: number): void;
  /** Changes one endpoint's budget and starts a fresh window. */
  setRateLimit(endpoint: ModelsEndpoint, limit: RateLimit): void;
  /** Adds `Retry-After` to rate-limit 429s, or (undefined) stops adding it. */
  setRateLimitRetryAfter(seconds: number | undefined): void;
  /** Turns the check of the two custom app headers on or off. */
  setRequireAppHeaders(required: boolean): void;
  /** Sends chat generations' `timestamp` in seconds (the default) or milliseconds. */
  setTimestampUnit(unit: TimestampUnit): void;
  /** Switches one model's usage naming. */
  setUsageStyle(model: string, style: UsageStyle): void;
  /** Lifetime of tokens minted from now on. */
  setTokenTtlSeconds(seconds: number): void;
  /** Every token issued so far is rejected with 401 from now on. */
  revokeAllTokens(): void;
  /** Every token issued so far counts as expired (401). */
  expireAllTokens(): void;
  /** Cuts the org off, as when an admin rotates the consumer secret and revokes its tokens: the secret gets `invalid_client`, issued tokens 401. */
  revokeCredentials(): void;
  /** Accepts the consumer secret again after `revokeCredentials()` (revoked tokens stay revoked). */
  restoreCredentials(): void;
  /** Names of the models served directly (rerouted names excluded). */
  modelNames(): string[];
}

function formatBaseUrl(host: string, port: number): string {
  const reachableHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachableHost.includes(':') ? `[${reachableHost}]` : reachableHost}:${port}`;
}

/** Starts the Salesforce simulator (token endpoint, Models API and native surface) on one port. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const settings = resolveSettings(options);
  const initialSettings = { ...settings };
  const state = createSimulatorState(settings);
  const app = buildSimulatorApp(state);
  await app.listen({ port: settings.port, host: settings.host });
  const { port } = app.server.address() as AddressInfo;
  const url = (settings.publicUrl ?? formatBaseUrl(settings.host, port)).replace(/\/+$/, '');
  state.baseUrl = url;

  return {
    url,
    port,
    tokenUrl: `${url}${tokenPath}`,
    apiBaseUrl: `${url}${modelsApiPath}`,
    nativeBaseUrl: `${url}${nativeApiPath}`,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    close: () => app.close(),
    reset() {
      Object.assign(settings, initialSettings);
      state.tokens.reset();
      state.registry.reset();
      state.rateLimiter.reset();
      state.modelsFaults.clear();
      state.tokenFaults.clear();
      state.nativeFaults.clear();
      state.replies.reset();
      state.requestLog.clear();
      state.counters = createCounters();
    },
    enqueueReplies: (...replies) => state.replies.enqueue(...replies),
    setResponder: (responder) => state.replies.setResponder(responder),
    requests: (endpoint) => state.requestLog.list(endpoint),
    clearRequests: () => state.requestLog.clear(),
    counters: () => ({ ...state.counters }),
    resetCounters() {
      state.counters = createCounters();
    },
    injectFault: (fault) => state.modelsFaults.add(fault),
    injectTokenFault: (fault) => state.tokenFaults.add(fault),
    injectNativeFault: (fault) => state.nativeFaults.add(fault),
    setNativeSettings(changes) {
      settings.native = { ...settings.native, ...changes };
    },
    clearFaults() {
      state.modelsFaults.clear();
      state.tokenFaults.clear();
      state.nativeFaults.clear();
    },
    setSlowMode(delayMs) {
      settings.slowModeDelayMs = delayMs;
    },
    setRateLimit: (endpoint, limit) => state.rateLimiter.setLimit(endpoint, limit),
    setRateLimitRetryAfter(seconds) {
      settings.rateLimitRetryAfterSeconds = seconds;
    },
    setRequireAppHeaders(required) {
      settings.requireAppHeaders = required;
    },
    setTimestampUnit(unit) {
      settings.timestampUnit = unit;
    },
    setUsageStyle: (model, style) => state.registry.setUsageStyle(model, style),
    setTokenTtlSeconds: (seconds) => state.tokens.setTtlSeconds(seconds),
    revokeAllTokens: () => state.tokens.revokeAll(),
    expireAllTokens: () => state.tokens.expireAll(),
    revokeCredentials() {
      settings.credentialsRevoked = true;
      state.tokens.revokeAll();
    },
    restoreCredentials() {
      settings.credentialsRevoked = false;
    },
    modelNames: () => state.registry.names(),
  };
}
