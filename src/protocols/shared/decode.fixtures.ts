// Test support shared by the decode tests of every protocol; excluded from the build.
import { GatewayError } from '../../core/errors.ts';

/** The GatewayError the action throws; fails the test when it throws nothing or something else. */
export function thrownGatewayError(action: () => unknown): GatewayError {
  try {
    action();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError to be thrown');
}
