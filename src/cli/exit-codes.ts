/** Exit codes shared by every sfgw command (README, "Command line"). */
export const exitCodes = {
  ok: 0,
  failure: 1,
  /** A configuration error or a wrong use of the command. */
  badConfig: 2,
  /** stop and status: no gateway is running. */
  notRunning: 3,
  /** The gateway does not answer at its URL. */
  unreachable: 4,
} as const;
