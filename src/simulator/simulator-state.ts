import { createCounters, type SimulatorCounters } from './counters.ts';
import { FaultQueue, type ModelsFault, type TokenFault } from './faults.ts';
import { ModelRegistry } from './model-registry.ts';
import type { NativeFault } from './native/native-fault.ts';
import { RateLimiter } from './rate-limiter.ts';
import { ReplyScript } from './reply-script.ts';
import { RequestLog } from './request-log.ts';
import type { SimulatorSettings } from './simulator-settings.ts';
import { TokenStore } from './token-store.ts';

/** Everything the routes read and the test controls change, for one simulator instance. */
export interface SimulatorState {
  settings: SimulatorSettings;
  /** Base URL advertised in token responses; known once the server listens. */
  baseUrl: string;
  tokens: TokenStore;
  registry: ModelRegistry;
  rateLimiter: RateLimiter;
  modelsFaults: FaultQueue<ModelsFault>;
  tokenFaults: FaultQueue<TokenFault>;
  nativeFaults: FaultQueue<NativeFault>;
  replies: ReplyScript;
  requestLog: RequestLog;
  counters: SimulatorCounters;
}

/** Builds fresh state from resolved settings. */
export function createSimulatorState(settings: SimulatorSettings): SimulatorState {
  return {
    settings,
    baseUrl: '',
    tokens: new TokenStore(settings.orgId, settings.tokenTtlSeconds, settings.clock),
    registry: new ModelRegistry(settings.extraModels, settings.usageStyles),
    rateLimiter: new RateLimiter(settings.rateLimits, settings.clock),
    modelsFaults: new FaultQueue<ModelsFault>(),
    tokenFaults: new FaultQueue<TokenFault>(),
    nativeFaults: new FaultQueue<NativeFault>(),
    replies: new ReplyScript(),
    requestLog: new RequestLog(settings.requestLogSize),
    counters: createCounters(),
  };
}
