import type { Command } from 'commander';

/** `sfgw simulator`: run the fake Salesforce on its own, e.g. to point a gateway at it. */
export function registerSimulatorCommand(program: Command): void {
  program
    .command('simulator')
    .description('run the Salesforce simulator (token endpoint + Models API) standalone')
    .option('-p, --port <port>', 'port to listen on', '8787')
    .option('-H, --host <host>', 'interface to bind', '127.0.0.1')
    .option('--token-ttl <seconds>', 'lifetime of issued access tokens', '1800')
    .action(async (flags: { port: string; host: string; tokenTtl: string }) => {
      // imported on use: every other command, serve included, starts without the simulator
      const { startSimulator } = await import('../simulator/simulator.ts');
      const simulator = await startSimulator({
        port: Number(flags.port),
        host: flags.host,
        tokenTtlSeconds: Number(flags.tokenTtl),
      });
      process.stdout.write(
        [
          `Salesforce simulator listening on ${simulator.url}`,
          `  SALESFORCE_INSTANCE_URL=${simulator.url}`,
          `  SALESFORCE_CONSUMER_KEY=${simulator.clientId}`,
          `  SALESFORCE_CONSUMER_SECRET=${simulator.clientSecret}`,
          '',
        ].join('\n'),
      );
      const stop = async () => {
        await simulator.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
