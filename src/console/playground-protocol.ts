/** The wire protocol the playground speaks. */
export type PlaygroundProtocol = 'openai' | 'anthropic';
