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
          // PostgreSQL's error fields can quote a row ("Key (key)=(conversation/sms/+44…) already
          // exists"), and conversation ids can be phone numbers; the message and code say enough.
          'err.detail',
          'err.where',
          'err.internalQuery',
          'err.cause.detail',
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

/**
 * Some libraries write to the console: botbuilder's CloudAdapter prints the whole stack of every
 * rejected request (a missing or forged token) to stderr, and warns there too. In the service that
 * would put multi-line, non-JSON text into the force's log pipeline on every unauthenticated hit.
 * This routes `console.error` and `console.warn` through the JSON logger: a 401 becomes one warning
 * line with the reason, anything else an error or warning with the error serialised. Only the
 * service's entry point calls it (tests keep the console as it is).
 */
export function routeConsoleToLogger(
  logger: Logger,
  target: Pick<Console, 'error' | 'warn'>,
): void {
  const route =
    (level: 'error' | 'warn') =>
    (...args: unknown[]): void => {
      const [first] = args;
      if (first instanceof Error) {
        const status = (first as Error & { statusCode?: unknown }).statusCode;
        if (status === 401 || status === 403) {
          logger.warn({ status, reason: first.message }, 'request not authenticated');
        } else {
          logger[level]({ err: first }, 'library reported an error');
        }
        return;
      }
      // Library messages are fixed strings; cut long ones so nothing unexpected is logged whole.
      const detail = args.map(describe).join(' ');
      logger[level]({ detail: detail.slice(0, 300) }, 'library message');
    };
  target.error = route('error');
  target.warn = route('warn');
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    // undefined and functions have no JSON (the type says string; the runtime says otherwise).
    const json = JSON.stringify(value) as string | undefined;
    return json ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
