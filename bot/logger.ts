import { createHash } from 'node:crypto';
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * JSON logs that never contain what people wrote or who they are. Code never passes message text
 * or answers to the logger; the redaction list is a second line of defence if someone does.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'bluelamp' },
      redact: {
        paths: [
          'text',
          '*.text',
          'answers',
          '*.answers',
          'activity',
          '*.activity',
          'body',
          'req.headers.authorization',
          'headers.authorization',
        ],
        censor: '[redacted]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** Conversation and user ids can be phone numbers (SMS): logs carry a short one-way hash instead. */
export function pseudonym(id: string): string {
  return createHash('sha256').update(id).digest('hex').slice(0, 12);
}
