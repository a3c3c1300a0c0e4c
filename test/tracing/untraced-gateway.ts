// Run by Node (not vitest) to see which modules a gateway without tracing loads: a resolve hook,
// registered before the gateway is imported, notes every @opentelemetry package asked for and who
// outside OpenTelemetry asked. Prints {"status":…,"packages":[…],"importers":[…]} after one
// streamed chat and a close.
import { registerHooks } from 'node:module';

const packages = new Set<string>();
const importers = new Set<string>();
const packageOf = (url: string | undefined) => url?.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1];
registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    const name = packageOf(resolved.url);
    if (name?.startsWith('@opentelemetry/')) {
      packages.add(name);
      const importer = packageOf(context.parentURL) ?? context.parentURL ?? '';
      if (!importer.startsWith('@opentelemetry/')) importers.add(importer);
    }
    return resolved;
  },
});

const { loadConfig, startServer } = await import('../../src/index.ts');
const environment = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
const { config } = await loadConfig({
  environment: {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SFGW_DEMO: 'true',
    USAGE_DB: '',
    ...environment,
  },
});
const server = await startServer(config);
const response = await fetch(`${server.url}/v1/chat/completions`, {
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  },
  body: JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
});
await response.text();
await server.close();
process.stdout.write(
  JSON.stringify({ status: response.status, packages: [...packages], importers: [...importers] }),
);
