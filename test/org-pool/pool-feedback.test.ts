import { afterEach, describe, expect, it } from 'vitest';
import { type OrgPoolStack, startOrgPoolStack } from '../support/org-pool-stack.ts';

let stack: OrgPoolStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function generationIdOf(pool: OrgPoolStack, text: string): Promise<string> {
  const { response } = await pool.openai.chat.completions
    .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] })
    .withResponse();
  const id = response.headers.get('x-sfgw-generation-id');
  if (id === null) throw new Error('the answer carries no x-sfgw-generation-id');
  return id;
}

async function sendFeedback(pool: OrgPoolStack, generationId: string): Promise<number> {
  const answer = await fetch(`${pool.url}/v1/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: `fb-${generationId}`, generation_id: generationId, feedback: 'GOOD' }),
  });
  return answer.status;
}

describe('feedback in a pool of two orgs', () => {
  it('goes to the org that made the generation, whichever org the router would pick next', async () => {
    stack = await startOrgPoolStack();
    const { 'org-a': orgA, 'org-b': orgB } = stack.simulators;
    // equal weights take turns: the first answer comes from org-a, the second from org-b
    const fromA = await generationIdOf(stack, 'first');
    const fromB = await generationIdOf(stack, 'second');
    expect(orgA?.counters().chatGenerations).toBe(1);
    expect(orgB?.counters().chatGenerations).toBe(1);

    for (const generationId of [fromB, fromA, fromB])
      expect(await sendFeedback(stack, generationId)).toBe(202);
    const idsSeenBy = (org: typeof orgA) =>
      org?.requests('feedback').map((request) => (request.body as { generationId: string }).generationId);
    expect(idsSeenBy(orgA)).toEqual([fromA]);
    expect(idsSeenBy(orgB)).toEqual([fromB, fromB]);
  });
});
