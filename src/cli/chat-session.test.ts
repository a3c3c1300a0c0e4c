import { describe, expect, it } from 'vitest';
import { ChatSession } from './chat-session.ts';

describe('ChatSession', () => {
  it('sends the system message, the kept turns and the new line, in order', () => {
    const session = new ChatSession({ model: 'gpt-4o', maxTurns: 5 });
    session.system = 'be brief';
    session.addTurn('hi', 'hello');
    expect(session.messagesFor('next')).toEqual([
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello' },
      { role: 'user', content: 'next' },
    ]);
  });

  it('keeps only the last maxTurns exchanges', () => {
    const session = new ChatSession({ model: 'gpt-4o', maxTurns: 2 });
    for (const turn of ['one', 'two', 'three']) session.addTurn(turn, `re ${turn}`);
    expect(session.turnCount).toBe(2);
    expect(session.messagesFor('four').map((message) => message.content)).toEqual([
      'two',
      're two',
      'three',
      're three',
      'four',
    ]);
  });

  it('forgets the history on reset but keeps model and system message', () => {
    const session = new ChatSession({ model: 'gpt-4o', maxTurns: 2 });
    session.system = 'rules';
    session.addTurn('a', 'b');
    session.reset();
    expect(session.messagesFor('c')).toEqual([
      { role: 'system', content: 'rules' },
      { role: 'user', content: 'c' },
    ]);
    expect(session.model).toBe('gpt-4o');
  });
});
