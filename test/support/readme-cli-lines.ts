/** How the README runs the CLI from a clone: through npm, so it starts on the pinned Node 24. */
export const cliPrefix = 'npm run sfgw -- ';

/** A README CLI line taken apart: the subcommand words and the flags it shows. */
export interface CliLineParts {
  /** For example ['token', 'status']. */
  command: string[];
  /** For example ['--config', '--json']. */
  flags: string[];
}

const fencedBlock = /^```[^\n]*\n([\s\S]*?)^```/gm;
// `sfgw` as a word of the command, not inside x-sfgw-… headers, sfgw_… metrics or ~/.sfgw/ paths
const cliWord = /(?<![\w./-])sfgw(?![\w./-])/;
const shellComment = /(^|\s)#.*$/;
// the synopsis's arguments start at the first option, placeholder, quoted prompt or `&`
const firstArgument = /^[-["&]/;
const flag = /(?<=[\s[])--?[a-z][\w-]*/g;

/** Every line of the markdown's code blocks that runs the CLI, without its trailing comment. */
export function readmeCliLines(markdown: string): string[] {
  const lines: string[] = [];
  for (const [, body = ''] of markdown.matchAll(fencedBlock)) {
    for (const line of body.split('\n')) {
      const command = line.replace(shellComment, '').trim();
      if (cliWord.test(command)) lines.push(command);
    }
  }
  return lines;
}

/** The parts of a line written as `cliPrefix` + synopsis, or undefined for any other form. */
export function parseCliLine(line: string): CliLineParts | undefined {
  if (!line.startsWith(cliPrefix)) return undefined;
  const synopsis = line.slice(cliPrefix.length);
  const words = synopsis.split(/\s+/);
  const argumentsStart = words.findIndex((word) => firstArgument.test(word));
  return {
    command: argumentsStart === -1 ? words : words.slice(0, argumentsStart),
    flags: [...` ${synopsis}`.matchAll(flag)].map((match) => match[0]),
  };
}
