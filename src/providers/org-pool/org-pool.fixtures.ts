import pino from 'pino';
import type { StreamEvent } from '../../core/model.ts';
import { testContext, textAnswer, textOnlyCapabilities } from '../../core/provider.fixtures.ts';
import type { CallContext, Provider } from '../../core/provider.ts';
import type { PoolMember } from './org-pool-types.ts';
import { OrgRouter } from './org-router.ts';

/** One scripted answer of a fake org: a text answer, or an error thrown in its place. */
export type ScriptedReply = string | Error;

/** One scripted step of a fake org's stream: an event, or an error thrown in its place. */
export type ScriptedStreamStep = StreamEvent | Error;

/** What a fake org answers, in order, and whether it forwards feedback. */
export interface FakeOrgScript {
  replies?: ScriptedReply[];
  streams?: ScriptedStreamStep[][];
  feedback?: boolean;
  /** Answers carry generation ids `{org}-gen-1`, `{org}-gen-2`, … */
  generationIds?: boolean;
}

/** A provider standing for one org's raw provider; it records its calls and closed streams. */
export function fakeOrgProvider(org: string, script: FakeOrgScript = {}) {
  const replies = [...(script.replies ?? [])];
  const streams = [...(script.streams ?? [])];
  const record = { calls: [] as string[], streamsClosed: 0, closed: false };
  const nextReply = (call: string) => {
    record.calls.push(call);
    const reply = replies.shift();
    if (reply === undefined) throw new Error(`org ${org} called more often than scripted`);
    if (reply instanceof Error) throw reply;
    const answer = textAnswer(`${org}: ${reply}`);
    return script.generationIds ? { ...answer, generationId: `${org}-gen-${record.calls.length}` } : answer;
  };
  const provider: Provider = {
    name: 'salesforce',
    capabilities: textOnlyCapabilities,
    chat: async () => nextReply('chat'),
    generate: async () => nextReply('generate'),
    embed: async () => {
      const answer = nextReply('embed');
      return { servedModel: answer.servedModel, vectors: [[1, 2]], usage: answer.usage };
    },
    listModels: () => [
      { id: 'gpt', upstreamModel: 'gpt', kind: 'chat', label: 'GPT', ownedBy: 'salesforce' },
    ],
    close: async () => {
      record.closed = true;
    },
  };
  if (script.streams) {
    provider.streamChat = async function* () {
      record.calls.push('stream');
      const steps = streams.shift() ?? [];
      try {
        for (const step of steps) {
          if (step instanceof Error) throw step;
          yield step;
        }
      } finally {
        record.streamsClosed += 1;
      }
    };
  }
  if (script.feedback) {
    provider.submitFeedback = async () => {
      record.calls.push('feedback');
      return { message: `${org} took it` };
    };
  }
  return { provider, record };
}

/** Pool members from fake orgs keyed by org name, in key order. */
export function poolMembers(orgs: Record<string, { provider: Provider }>): PoolMember[] {
  return Object.entries(orgs).map(([org, fake]) => ({ org, provider: fake.provider }));
}

/** A router over equally weighted orgs that serve every model, on a clock the test moves. */
export function equalRouter(orgs: string[], clock = { now: 1_000_000 }): OrgRouter {
  return new OrgRouter({
    orgs: orgs.map((name) => ({ name, weight: 1, models: null })),
    defaultCooldownMs: 60_000,
    credentialsCooldownMs: 300_000,
    now: () => clock.now,
  });
}

/** A call context whose info lines are kept, parsed, in `lines`. */
export function loggingContext(signal: AbortSignal = testContext.signal) {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level: 'info', base: null, timestamp: false },
    {
      write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>),
    },
  );
  const context: CallContext = { ...testContext, signal, logger };
  return { context, lines };
}
