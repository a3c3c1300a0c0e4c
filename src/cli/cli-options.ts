import { type Command, InvalidArgumentError } from 'commander';
import { exitCodes } from './exit-codes.ts';

/** Commander parser for a number above zero. */
export function parsePositiveNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('must be a number above 0.');
  return parsed;
}

/** Commander parser for a whole number, 0 or more. */
export function parseCount(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0) {
    throw new InvalidArgumentError('must be a whole number, 0 or more.');
  }
  return parsed;
}

/** Commander parser for a whole number above zero. */
export function parsePositiveInteger(value: string): number {
  const parsed = parseCount(value);
  if (parsed === 0) throw new InvalidArgumentError('must be a whole number above 0.');
  return parsed;
}

/** Makes usage errors (unknown option, bad value) exit 2 instead of commander's 1; --help still exits 0. */
export function exitTwoOnUsageError<T extends Command>(command: T): T {
  command.exitOverride((error) => {
    process.exit(error.exitCode === 0 ? exitCodes.ok : exitCodes.badConfig);
  });
  return command;
}
