/** Collects the simulator's warnings and errors, so tests can prove a run logged none. */
export interface LogCapture {
  /** Pass as `SimulatorOptions.logger`. */
  logger: { level: 'warn'; stream: { write(line: string): void } };
  /** The messages of every warning or error logged so far. */
  problems(): string[];
}

/** Creates an empty capture. */
export function createLogCapture(): LogCapture {
  const lines: string[] = [];
  return {
    logger: { level: 'warn', stream: { write: (line) => lines.push(line) } },
    problems: () => lines.map((line) => (JSON.parse(line) as { msg?: string }).msg ?? line),
  };
}
