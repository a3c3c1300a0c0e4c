import { z } from 'zod';
import { booleanFlag, positiveInteger, type SettingDefinition } from './setting-types.ts';

// What the operator console at /ui keeps of the requests it shows.

const recentRequestsError = 'must be a whole number from 10 to 10000';
const recentRequests = z.coerce
  .number({ error: recentRequestsError })
  .int({ error: recentRequestsError })
  .min(10, { error: recentRequestsError })
  .max(10_000, { error: recentRequestsError });

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
    schema: positiveInteger,
    default: 16_384,
    description: 'Largest captured body, in bytes; a longer one is cut and marked truncated.',
  },
} satisfies Record<string, SettingDefinition>;
