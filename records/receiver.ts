import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { ReportSchema, type Report } from './report';
import {
  DEFAULT_TOLERANCE_SECONDS,
  IDEMPOTENCY_HEADER,
  SIGNATURE_HEADER,
  verifySignature,
} from './signature';

/**
 * The reference receiver: what a force's integration should do with a Bluelamp delivery, small
 * enough to read in one sitting, and the thing integrators (and our tests) point
 * RECORDS_WEBHOOK_URL at. For each POST it:
 *
 * 1. reads the raw body (refusing more than `maxBytes`): the signature is over these exact bytes;
 * 2. checks `Bluelamp-Signature` — timestamp within 5 minutes of its clock, HMAC compared in
 *    constant time — before looking at the content at all (401 otherwise);
 * 3. parses the JSON and validates it against bluelamp.report/v1 (422 with the issues otherwise);
 * 4. checks `Idempotency-Key` is the report's reference (400 otherwise);
 * 5. answers a key it has already accepted with 200 "already received", so a retry after a lost
 *    response settles rather than creating a second record (409 if the body differs: a reference
 *    never changes content);
 * 6. otherwise accepts it: 200 "received".
 *
 * A real receiver must make step 5 durable (a unique key in its database) and store before it
 * answers 2xx: Bluelamp treats any 2xx as "delivered" and will not send it again.
 */

export interface ReceivedReport {
  readonly reference: string;
  readonly report: Report;
  readonly body: string;
  readonly receivedAt: Date;
}

export type ReceiverOutcome =
  | 'received'
  | 'duplicate'
  | 'conflict'
  | 'unsigned'
  | 'stale'
  | 'forged'
  | 'invalid'
  | 'too-large'
  | 'bad-method'
  | 'failed-on-purpose'
  | 'held';

export interface ReceiverEvent {
  readonly at: Date;
  readonly outcome: ReceiverOutcome;
  readonly status: number;
  readonly key?: string;
  readonly detail?: string;
  readonly received?: ReceivedReport;
}

/** What the receiver does with the next requests, for fault tests: accept, fail, or never answer. */
export type ReceiverBehaviour = 'accept' | 'hang' | { readonly status: number };

export interface ReceiverOptions {
  /** The current secret first; older ones while rotating. */
  readonly secret: string | readonly string[];
  readonly toleranceSeconds?: number;
  readonly maxBytes?: number;
  /** Milliseconds since the epoch; the clock the timestamp is checked against. */
  readonly now?: () => number;
  readonly onEvent?: (event: ReceiverEvent) => void;
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

class TooLarge extends Error {}

function readBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        reject(new TooLarge());
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

export interface Receiver {
  readonly handler: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  /** Reports accepted, once each, in arrival order. */
  readonly received: ReceivedReport[];
  /** Every request and what became of it. */
  readonly events: ReceiverEvent[];
  setBehaviour(behaviour: ReceiverBehaviour): void;
}

export function createReceiver(options: ReceiverOptions): Receiver {
  const secrets = typeof options.secret === 'string' ? [options.secret] : [...options.secret];
  if (secrets.length === 0 || secrets.some((s) => s.length === 0)) {
    throw new Error('receiver: a secret is required');
  }
  const now = options.now ?? Date.now;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const seen = new Map<string, string>();
  const received: ReceivedReport[] = [];
  const events: ReceiverEvent[] = [];
  let behaviour: ReceiverBehaviour = 'accept';

  function answer(
    res: http.ServerResponse,
    event: Omit<ReceiverEvent, 'at'>,
    payload: Record<string, unknown>,
  ) {
    const full: ReceiverEvent = { at: new Date(now()), ...event };
    events.push(full);
    options.onEvent?.(full);
    const text = JSON.stringify(payload);
    res.writeHead(event.status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const keyHeader = req.headers[IDEMPOTENCY_HEADER.toLowerCase()];
    const key = typeof keyHeader === 'string' ? keyHeader : undefined;
    if (behaviour === 'hang') {
      const event: ReceiverEvent = {
        at: new Date(now()),
        outcome: 'held',
        status: 0,
        ...(key ? { key } : {}),
      };
      events.push(event);
      options.onEvent?.(event);
      return; // never answered: the sender times out or is killed
    }
    if (typeof behaviour === 'object') {
      req.resume();
      answer(
        res,
        { outcome: 'failed-on-purpose', status: behaviour.status, ...(key ? { key } : {}) },
        { error: 'failing on purpose' },
      );
      return;
    }
    if (req.method !== 'POST') {
      req.resume();
      answer(res, { outcome: 'bad-method', status: 405 }, { error: 'POST only' });
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, maxBytes);
    } catch (err) {
      if (!(err instanceof TooLarge)) throw err;
      res.setHeader('Connection', 'close');
      answer(res, { outcome: 'too-large', status: 413 }, { error: 'body too large' });
      return;
    }
    const signature = req.headers[SIGNATURE_HEADER.toLowerCase()];
    const verified = verifySignature({
      header: typeof signature === 'string' ? signature : undefined,
      body,
      secrets,
      now: Math.floor(now() / 1000),
      toleranceSeconds: options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
    });
    if (!verified.ok) {
      const outcome =
        verified.reason === 'stale'
          ? 'stale'
          : verified.reason === 'mismatch'
            ? 'forged'
            : 'unsigned';
      answer(
        res,
        { outcome, status: 401, detail: verified.reason, ...(key ? { key } : {}) },
        { error: `signature ${verified.reason}` },
      );
      return;
    }
    const text = body.toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      answer(res, { outcome: 'invalid', status: 400, detail: 'not JSON' }, { error: 'not JSON' });
      return;
    }
    const parsed = ReportSchema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 20)
        .map((i) => `${i.path.join('.')}: ${i.message}`);
      answer(
        res,
        { outcome: 'invalid', status: 422, detail: issues.join('; '), ...(key ? { key } : {}) },
        { error: 'not a valid bluelamp.report/v1', issues },
      );
      return;
    }
    const report = parsed.data;
    if (key !== report.reference) {
      answer(
        res,
        { outcome: 'invalid', status: 400, detail: 'Idempotency-Key is not the reference' },
        { error: 'Idempotency-Key must be the report reference' },
      );
      return;
    }
    const digest = createHash('sha256').update(body).digest('hex');
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      const same = earlier === digest;
      answer(
        res,
        { outcome: same ? 'duplicate' : 'conflict', status: same ? 200 : 409, key },
        same
          ? { status: 'already received', reference: key }
          : { error: 'this reference was received with different content' },
      );
      return;
    }
    seen.set(key, digest);
    const record: ReceivedReport = {
      reference: key,
      report,
      body: text,
      receivedAt: new Date(now()),
    };
    received.push(record);
    answer(
      res,
      { outcome: 'received', status: 200, key, received: record },
      { status: 'received', reference: key },
    );
  }

  return {
    handler: (req, res) => {
      handle(req, res).catch(() => {
        if (!res.headersSent) {
          res.writeHead(500);
          res.end();
        }
      });
    },
    received,
    events,
    setBehaviour: (b) => {
      behaviour = b;
    },
  };
}

export interface RunningReceiver extends Receiver {
  readonly url: string;
  readonly port: number;
  /** Resolves once `count` distinct reports have been accepted; rejects after `timeoutMs`. */
  waitForReports(count: number, timeoutMs?: number): Promise<ReceivedReport[]>;
  close(): Promise<void>;
}

const ListenOptions = z.object({
  port: z.number().int().min(0).max(65535).default(0),
  host: z.string().default('127.0.0.1'),
});

/**
 * Starts the reference receiver on `host:port` (127.0.0.1 and a free port by default) — in-process,
 * for tests of the whole chain: `const r = await startReceiver({ secret }); … r.received`.
 */
export async function startReceiver(
  options: ReceiverOptions & { readonly port?: number; readonly host?: string },
): Promise<RunningReceiver> {
  const { port, host } = ListenOptions.parse({ port: options.port, host: options.host });
  const waiters = new Set<() => void>();
  const receiver = createReceiver({
    ...options,
    onEvent: (event) => {
      options.onEvent?.(event);
      for (const w of waiters) w();
    },
  });
  const server = http.createServer(receiver.handler);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    ...receiver,
    url: `http://${host}:${address.port}/`,
    port: address.port,
    waitForReports(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (receiver.received.length < count) return;
          cleanup();
          resolve(receiver.received.slice(0, count));
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `receiver: ${receiver.received.length} of ${count} reports after ${timeoutMs} ms`,
            ),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
