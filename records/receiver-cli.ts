import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { startReceiver, type ReceiverEvent, type RunningReceiver } from './receiver';

/**
 * `npm run records:receiver -- [--port N] [--host H] [--secret S] [--quiet]`: the reference
 * receiver as a process, for integrators to point RECORDS_WEBHOOK_URL at and watch what arrives.
 */

export const RECEIVER_USAGE = `usage: npm run records:receiver -- [--port 8787] [--host 127.0.0.1] [--secret S] [--quiet]

  Verifies each delivery's Bluelamp-Signature (HMAC-SHA256, timestamp within 5 minutes), validates
  it against bluelamp.report/v1, answers a repeated Idempotency-Key with "already received", and
  prints what it gets. The secret defaults to RECORDS_WEBHOOK_SECRET, else a new one is made.`;

export interface ReceiverCliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Record<string, string | undefined>;
}

export function describeEvent(event: ReceiverEvent, quiet: boolean): string {
  const head = `${event.at.toISOString()}  ${event.status || '---'}  ${event.outcome}${
    event.key ? `  ${event.key}` : ''
  }`;
  const r = event.received?.report;
  if (!r) return event.detail ? `${head}  (${event.detail})` : head;
  const summary = `${head}  ${r.route} → ${r.team.name}, ${r.people.length} people, ${r.vehicles.length} vehicles, ${r.property.length} property, ${r.attachments.length} files`;
  return quiet ? summary : `${summary}\n${JSON.stringify(r, null, 2)}`;
}

/** Starts the receiver; resolves to it (or to an exit code when the arguments are wrong). */
export async function runReceiverCli(
  argv: readonly string[],
  io: ReceiverCliIo,
): Promise<RunningReceiver | number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        secret: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${RECEIVER_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(RECEIVER_USAGE);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`--port must be 0–65535\n\n${RECEIVER_USAGE}`);
    return 2;
  }
  let secret = values.secret ?? io.env.RECORDS_WEBHOOK_SECRET?.trim();
  let made = false;
  if (!secret) {
    secret = randomBytes(24).toString('base64url');
    made = true;
  }
  const quiet = values.quiet;
  try {
    const receiver = await startReceiver({
      port,
      host: values.host,
      secret,
      onEvent: (event) => {
        io.out(describeEvent(event, quiet));
      },
    });
    io.out(
      `Reference receiver listening on ${receiver.url}\n` +
        `Run Bluelamp with:\n  RECORDS_WEBHOOK_URL=${receiver.url}\n  RECORDS_WEBHOOK_SECRET=${
          made ? secret : '(the secret you gave)'
        }`,
    );
    return receiver;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    io.err(
      code === 'EADDRINUSE'
        ? `Port ${port} is in use: choose another with --port.`
        : `Could not start the receiver: ${(err as Error).message}`,
    );
    return 3;
  }
}
