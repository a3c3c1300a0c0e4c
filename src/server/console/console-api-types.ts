// The JSON the console's API answers under /ui/api/, shared by the server and the browser
// console (src/console imports these types only). Times are epoch milliseconds (but the orgs',
// ISO strings as health shows them), durations milliseconds with one decimal.

import type { RecentRequest } from '../../observability/recent-request-log.ts';
import type { CooldownReason } from '../../providers/org-pool/org-pool-types.ts';

/** Percentiles over a window of recent requests; null while the window is empty. */
export interface Percentiles {
  samples: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
}

/** A circuit breaker: closed, open or half-open, and since when it is open. */
export interface CircuitView {
  state: string;
  consecutiveFailures: number;
  openedAt: number | null;
}

/** GET /ui/api/session: who the console is signed in as. */
export interface ConsoleSession {
  /** The key's name from API_KEYS; null when the gateway runs without keys (loopback only). */
  key: string | null;
  admin: true;
}

/** GET /ui/api/overview: the live state, polled by the overview every second. */
export interface ConsoleOverview {
  time: number;
  uptimeSeconds: number;
  mode: 'live' | 'demo';
  surface: 'models' | 'native' | 'auto';
  version: string;
  requests: {
    /** Client API requests since start. */
    total: number;
    /** Of those, answered 4xx/5xx (client disconnects included as 499). */
    errors: number;
    /** Requests per second over the last 10 s. */
    perSecond: number;
    /** Share (0..1) of the last 60 s of requests that failed; null with no requests. */
    errorRate: number | null;
  };
  latencyMs: Percentiles;
  overheadMs: Percentiles;
  timeToFirstTokenMs: Percentiles;
  streamsInFlight: number;
  /** The admission queue: requests holding a slot, waiting for one, and the configured bounds. */
  admission: { running: number; queued: number; maxInFlight: number; maxQueued: number };
  /** Requests per listed model name since start ("other" for names the catalog does not list), most first. */
  models: { model: string; requests: number }[];
  token: {
    state: string;
    /** When the access token expires; null when none is held. */
    expiresAt: number | null;
    /** When it was obtained; null when none is held. */
    obtainedAt: number | null;
    /** When the gateway starts refreshing it in the background; null when none is held. */
    refreshAt: number | null;
    refreshing: boolean;
    fetches: number;
  };
  circuit: CircuitView;
  /** The native surface's own breaker; null when the gateway does not use that surface. */
  nativeCircuit: CircuitView | null;
  pools: {
    origin: string;
    connected: number;
    free: number;
    pending: number;
    queued: number;
    running: number;
    size: number;
  }[];
  redis: 'off' | 'up' | 'down';
  memoryBytes: { rss: number; heapUsed: number };
  /** The orgs of SALESFORCE_ORGS; empty when the gateway serves a single org. */
  orgs: ConsoleOrg[];
}

/** A set of breakers (one per model): its state and the models whose breaker is not closed. */
export interface ConsoleOrgCircuit {
  state: string;
  openModels: string[];
}

/** One org of the pool: its share, its traffic and its health, never a credential. */
export interface ConsoleOrg {
  name: string;
  weight: number;
  /** The upstream model names it serves; null: every model. */
  models: string[] | null;
  inFlight: number;
  requests: number;
  /** Calls that failed over to another org or model. */
  failures: number;
  /** Calls Salesforce answered 429. */
  rateLimited: number;
  /** Why and until when (ISO) the org is skipped; null when it takes requests. */
  cooldown: { reason: CooldownReason; until: string; remainingMs: number } | null;
  token: { state: string; expiresAt: string | null; lastError: string | null };
  circuit: ConsoleOrgCircuit;
  /** Null when nothing asks for the native surface. */
  nativeCircuit: ConsoleOrgCircuit | null;
}

/** One finished request, as the Requests page lists it. */
export type ConsoleRequest = RecentRequest;

/** GET /ui/api/requests/:id: one request, with its bodies when CONSOLE_CAPTURE_BODIES=true. */
export interface ConsoleRequestDetail extends ConsoleRequest {
  /** Redacted of anything that looks like a secret and cut to the byte bound; null when not captured. */
  requestBody: string | null;
  responseBody: string | null;
  /** True when a body was cut at the bound. */
  truncated: boolean;
}

/** GET /ui/api/requests?limit=&status=&model=&key=&protocol= */
export interface ConsoleRequestList {
  rows: ConsoleRequest[];
  /** Whether bodies are being captured (CONSOLE_CAPTURE_BODIES). */
  capturingBodies: boolean;
}

/** One model of the catalog, as the Models page and the playground's picker show it. */
export interface ConsoleModel {
  /** The public name clients send. */
  id: string;
  /** The Salesforce model it resolves to. */
  upstreamModel: string;
  /** Other public names that resolve to the same upstream model. */
  aliases: string[];
  surface: 'models' | 'native';
  kind: 'chat' | 'embedding';
  capabilities: {
    tools: 'native' | 'emulated';
    streaming: 'native' | 'simulated';
    structuredOutput: 'native' | 'emulated';
  };
}

/** GET /ui/api/models */
export interface ConsoleModelList {
  models: ConsoleModel[];
}
