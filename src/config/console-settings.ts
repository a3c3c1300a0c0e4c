import { z } from 'zod';
import { booleanFlag, type SettingDefinition } from './setting-types.ts';

// What the operator console at /ui keeps of the requests it shows.

const recentRequestsError = 'must be a whole number from 10 to 10000';
const recentRequests = z.coerce
  .number({ error: recentRequestsError })
  .int({ error: recentRequestsError })
  .min(10, { error: recentRequestsError })
  .max(10_000, { error: recentRequestsError });

const bodyBoundError = 'must be a whole number of bytes from 256 to 1048576 (1 MiB)';
// a body is kept twice (request and answer) for each of up to 10,000 requests: 1 MiB caps that at 20 GiB
// in theory, and the default's 16 KiB at about 320 MiB
const bodyMaxBytes = z.coerce
  .number({ error: bodyBoundError })
  .int({ error: bodyBoundError })
  .min(256, { error: bodyBoundError })
  .max(1_048_576, { error: bodyBoundError });

/** The console's settings: how many finished requests it lists, and whether it keeps their bodies. */
export const consoleSettings = {
  CONSOLE_CAPTURE_BODIES: {
    schema: booleanFlag,
    default: false,
    description:
      'Keep request and response bodies of the recent requests for the console, redacted of secrets and cut to CONSOLE_BODY_MAX_BYTES.',
  },
  CONSOLE_RECENT_REQUESTS: {
    schema: recentRequests,
    default: 500,
    description: 'How many finished client requests the console keeps in memory and lists (10-10000).',
  },
  CONSOLE_BODY_MAX_BYTES: {
    schema: bodyMaxBytes,
    default: 16_384,
    description:
      'Largest captured body, in bytes (256-1048576); a longer one is cut and marked truncated. Memory: up to two bodies for each of CONSOLE_RECENT_REQUESTS.',
  },
} satisfies Record<string, SettingDefinition>;
