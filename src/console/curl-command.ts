import type { PlaygroundProtocol } from './playground-protocol.ts';
import { keyHeader, type PlaygroundRequest } from './playground-request.ts';

/** A curl command that sends `request` again, the key read from $SFGW_API_KEY. */
export function buildCurlCommand(
  request: PlaygroundRequest,
  protocol: PlaygroundProtocol,
  origin: string,
): string {
  const headers = { ...request.headers, ...keyHeader(protocol, '$SFGW_API_KEY') };
  const stream = request.body.stream === true;
  const lines = [`curl ${stream ? '-N ' : ''}${quote(`${origin}${request.path}`)}`];
  for (const [name, value] of Object.entries(headers)) {
    // Double quotes around the key header only, so the shell expands the variable.
    lines.push(
      value.includes('$SFGW_API_KEY') ? `-H "${name}: ${value}"` : `-H ${quote(`${name}: ${value}`)}`,
    );
  }
  lines.push(`-d ${quote(JSON.stringify(request.body))}`);
  return lines.join(' \\\n  ');
}

function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
