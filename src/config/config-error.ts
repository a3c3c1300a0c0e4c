/** A configuration problem, told in one line that names the field and the fix (never a secret). */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
