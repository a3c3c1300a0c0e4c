import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildCurlCommand } from './curl-command.ts';
import { buildPlaygroundRequest, type PlaygroundInput } from './playground-request.ts';

const origin = 'http://127.0.0.1:8000';
const input: PlaygroundInput = {
  protocol: 'openai',
  model: 'gpt-4o-mini',
  stream: true,
  systemPrompt: '',
  message: 'hello',
  tools: '',
};

/** The arguments bash hands curl when it runs `command`, with $SFGW_API_KEY set to `key`. */
async function argumentsBashPasses(command: string, key: string): Promise<string[]> {
  // a curl function in place of the real one prints each argument it got, NUL-separated
  const script = `curl() { printf '%s\\0' "$@"; }\n${command}`;
  const { stdout } = await promisify(execFile)('bash', ['-c', script], {
    env: { PATH: process.env.PATH, SFGW_API_KEY: key },
  });
  return stdout.split('\0').slice(0, -1);
}

/** The value that follows `flag` in curl's arguments, for every occurrence. */
function valuesOf(curlArguments: string[], flag: string): string[] {
  return curlArguments.flatMap((argument, index) =>
    curlArguments[index - 1] === flag && argument !== flag ? [argument] : [],
  );
}

describe('buildCurlCommand', () => {
  it.each([
    ['a single quote', "It's me, O'Brien"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell's ${} is what must stay literal
    ['a dollar sign and a variable', 'costs $5, not $HOME or ${PATH}'],
    ['backticks and command substitution', 'run `whoami` and $(id) please'],
    ['newlines and a tab', 'line one\nline two\n\tindented'],
    ['backslashes and double quotes', 'say "\\n" and \\\\ and \\\'x\\\''],
    ['shell operators', 'a; b && c | d > /tmp/x # e'],
  ])('gives bash the exact body for a message with %s', async (_case, message) => {
    const request = buildPlaygroundRequest({ ...input, message });
    const curlArguments = await argumentsBashPasses(buildCurlCommand(request, 'openai', origin), 'k-1');
    const [body] = valuesOf(curlArguments, '-d');
    expect(JSON.parse(body as string)).toEqual(request.body);
    expect(body).toBe(JSON.stringify(request.body));
  });

  it('sends the key from $SFGW_API_KEY in double quotes, expanded by bash, and streams with -N', async () => {
    const request = buildPlaygroundRequest(input);
    const curl = buildCurlCommand(request, 'openai', origin);
    expect(curl).toContain('-H "authorization: Bearer $SFGW_API_KEY"');
    const curlArguments = await argumentsBashPasses(curl, 'secret-key-1');
    expect(curlArguments.slice(0, 2)).toEqual(['-N', `${origin}/v1/chat/completions`]);
    expect(valuesOf(curlArguments, '-H')).toEqual([
      'content-type: application/json',
      'authorization: Bearer secret-key-1',
    ]);
  });

  it('sends the key as x-api-key, and the version header, over the Anthropic protocol without -N', async () => {
    const request = buildPlaygroundRequest({ ...input, protocol: 'anthropic', stream: false });
    const curl = buildCurlCommand(request, 'anthropic', origin);
    expect(curl).toContain('-H "x-api-key: $SFGW_API_KEY"');
    const curlArguments = await argumentsBashPasses(curl, 'secret-key-2');
    expect(curlArguments[0]).toBe(`${origin}/v1/messages`);
    expect(valuesOf(curlArguments, '-H')).toEqual([
      'content-type: application/json',
      'anthropic-version: 2023-06-01',
      'x-api-key: secret-key-2',
    ]);
  });
});
