/** Tells a person at the terminal, unmistakably, that answers are simulated. */
export function printDemoBanner(url: string): void {
  const lines = [
    'DEMO MODE: no Salesforce credentials are configured.',
    'Every answer comes from the built-in Salesforce simulator, not a real model.',
    'Set SALESFORCE_CONSUMER_KEY, SALESFORCE_CONSUMER_SECRET and SALESFORCE_INSTANCE_URL',
    '(environment or config.json) to use your org.',
    '',
    `OpenAI base URL: ${url}/v1   (any API key works in demo mode)`,
  ];
  const width = Math.max(...lines.map((line) => line.length));
  const border = `+${'-'.repeat(width + 2)}+`;
  const body = lines.map((line) => `| ${line.padEnd(width)} |`);
  process.stderr.write(`\n${[border, ...body, border].join('\n')}\n\n`);
}
