import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { z } from 'zod';
import type { Db } from '../store/db';
import { dropFileName, prepareDropDir, writeDrop } from './drop';
import { onNudge } from './nudge';
import type { RecordsLogger } from './records';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signBody } from './signature';

/**
 * The delivery worker: takes due outbox entries and hands each report to the records system —
 * a signed webhook POST, or the NDJSON drop when no webhook is set — at least once, retrying with
 * exponential backoff and full jitter, and dead-lettering after `maxAttempts`.
 *
 * Claiming is one statement: `UPDATE … WHERE reference IN (SELECT … FOR UPDATE SKIP LOCKED)` sets
 * a lease (token + expiry) and commits at once. No transaction is open while HTTP runs (PGlite has
 * a single connection: a transaction held across a slow receiver would stall every conversation),
 * and several workers on one PostgreSQL never claim the same entry: SKIP LOCKED passes over rows
 * another claim is taking, and the lease keeps them off it afterwards. A worker that dies mid-send
 * leaves a lease that runs out after `leaseMs`; then the entry is due again (and the receiver sees
 * the same Idempotency-Key). The embedded store belongs to one process, so there a starting worker
 * frees every lease at once.
 */

export interface DeliveryOptions {
  readonly webhookUrl?: string;
  readonly webhookSecret?: string;
  /** Where the NDJSON drop goes when there is no webhook. */
  readonly recordsDir: string;
  /** Attempts before an entry is dead-lettered (default 25: about 7 hours of retrying on average). */
  readonly maxAttempts?: number;
  /** Backoff: a random delay in [0, min(maxDelayMs, baseDelayMs · 2^(attempt−1))). */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** How often an idle worker looks for entries other processes added or leases that ran out. */
  readonly pollMs?: number;
  /** Deliveries in flight at once. */
  readonly concurrency?: number;
  /** A webhook request taking longer than this is a failure (and retried). */
  readonly timeoutMs?: number;
  /** How long a claim keeps other workers off an entry; must exceed timeoutMs. */
  readonly leaseMs?: number;
  readonly logger?: RecordsLogger;
  readonly now?: () => Date;
  /** [0, 1); for the jitter. */
  readonly random?: () => number;
}

const Options = z
  .object({
    webhookUrl: z.url({ protocol: /^https?$/ }).optional(),
    webhookSecret: z.string().min(1).optional(),
    recordsDir: z.string().min(1),
    maxAttempts: z.number().int().min(1).default(25),
    baseDelayMs: z.number().int().min(1).default(2_000),
    maxDelayMs: z
      .number()
      .int()
      .min(1)
      .default(60 * 60_000),
    pollMs: z.number().int().min(10).default(1_000),
    concurrency: z.number().int().min(1).max(256).default(8),
    timeoutMs: z.number().int().min(100).default(10_000),
    leaseMs: z.number().int().min(200).optional(),
  })
  .refine((o) => !o.webhookUrl || o.webhookSecret, {
    message: 'a webhook needs a secret: deliveries must be signed',
    path: ['webhookSecret'],
  });

export interface DeliveryWorker {
  /** Stops claiming, waits for deliveries in flight to be recorded, then resolves. */
  stop(): Promise<void>;
  /** Looks for due entries now (submit does this in-process by itself). */
  wake(): void;
  readonly stats: { delivered: number; failed: number; dead: number };
}

interface Claimed {
  readonly reference: string;
  readonly attempts: number;
  readonly body: string;
  readonly submittedAt: Date;
  readonly token: string;
}

const ClaimedRow = z.object({
  reference: z.string(),
  attempts: z.number().int(),
  body: z.string(),
  submitted_at: z.coerce.date(),
});

class DeliveryError extends Error {}

/** Delay before the next attempt: exponential, capped, with full jitter (AWS's "Full Jitter"). */
export function backoffMs(
  attempts: number,
  base: number,
  cap: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(cap, base * 2 ** Math.min(attempts - 1, 40));
  return Math.floor(random() * ceiling);
}

const running = new WeakMap<Db, number>();

export function startDelivery(db: Db, options: DeliveryOptions): DeliveryWorker {
  const o = Options.parse(options);
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const logger = options.logger;
  const leaseMs = o.leaseMs ?? o.timeoutMs + 5_000;
  const target = o.webhookUrl ? new URL(o.webhookUrl) : undefined;
  const secret = o.webhookSecret ?? '';
  const agent = target
    ? new (target.protocol === 'https:' ? https.Agent : http.Agent)({
        keepAlive: true,
        maxSockets: o.concurrency,
      })
    : undefined;
  if (!target) prepareDropDir(o.recordsDir, now());

  const stats = { delivered: 0, failed: 0, dead: 0 };
  let stopping = false;
  const isStopping = () => stopping;
  let inFlight = 0;
  /** Something may be due: a nudge, a full claim, a retry timer. Cleared by a short claim. */
  let mayHaveMore = true;
  /** Counts wake-ups, so one that lands while a claim runs is not lost when the claim ends. */
  let signals = 0;
  let wakeUp: (() => void) | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryAt = Infinity;
  const idle: (() => void)[] = [];

  const wake = () => {
    mayHaveMore = true;
    signals++;
    const w = wakeUp;
    wakeUp = undefined;
    w?.();
  };
  const unsubscribe = onNudge(db, wake);
  const others = running.get(db) ?? 0;
  running.set(db, others + 1);

  function wakeAt(at: number) {
    if (at >= retryAt) return;
    if (retryTimer) clearTimeout(retryTimer);
    retryAt = at;
    retryTimer = setTimeout(
      () => {
        retryTimer = undefined;
        retryAt = Infinity;
        wake();
      },
      Math.max(0, at - Date.now()),
    );
    retryTimer.unref();
  }

  async function claim(limit: number): Promise<Claimed[]> {
    const token = `${process.pid}-${randomBytes(6).toString('hex')}`;
    const at = now();
    const { rows } = await db.query(
      `UPDATE report_outbox o
          SET lease_token = $1, leased_until = $2::timestamptz, attempts = o.attempts + 1,
              last_attempt_at = $3::timestamptz
         FROM reports r
        WHERE r.reference = o.reference
          AND o.reference IN (
                SELECT reference FROM report_outbox
                 WHERE status = 'pending' AND next_attempt_at <= $3::timestamptz
                   AND (leased_until IS NULL OR leased_until <= $3::timestamptz)
                 ORDER BY next_attempt_at
                 LIMIT $4
                   FOR UPDATE SKIP LOCKED)
      RETURNING o.reference, o.attempts, r.body, r.submitted_at`,
      [token, new Date(at.getTime() + leaseMs).toISOString(), at.toISOString(), limit],
    );
    return rows.map((row) => {
      const r = ClaimedRow.parse(row);
      return {
        reference: r.reference,
        attempts: r.attempts,
        body: r.body,
        submittedAt: r.submitted_at,
        token,
      };
    });
  }

  async function send(entry: Claimed): Promise<string> {
    if (!target || !agent) {
      await writeDrop(o.recordsDir, dropFileName(entry.reference, entry.submittedAt), entry.body);
      return 'file';
    }
    const body = Buffer.from(entry.body, 'utf8');
    const t = Math.floor(now().getTime() / 1000);
    const status = await post(target, agent, o.timeoutMs, body, {
      'Content-Type': 'application/json',
      'Content-Length': String(body.length),
      [SIGNATURE_HEADER]: signBody(secret, body, t),
      [IDEMPOTENCY_HEADER]: entry.reference,
      'User-Agent': 'bluelamp-records/1',
    });
    if (status < 200 || status > 299) throw new DeliveryError(`HTTP ${status}`);
    return 'webhook';
  }

  /**
   * Successes are recorded in batches: every delivery finishing in the same turn of the event loop
   * shares one UPDATE, which halves the store's work per report at hundreds a second. Until it is
   * written the entry is still leased, so nobody else sends it.
   */
  let batch: { reference: string; to: string; at: string }[] = [];
  let flushing: Promise<void> | undefined;
  function markDelivered(reference: string, to: string, at: Date): Promise<void> {
    batch.push({ reference, to, at: at.toISOString() });
    flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      const rows = batch;
      batch = [];
      flushing = undefined;
      // A slow twin whose lease ran out may have delivered it already; delivered is delivered.
      await db.query(
        `UPDATE report_outbox o
            SET status = 'delivered', delivered_at = d.at, delivered_to = d."to",
                lease_token = NULL, leased_until = NULL, last_error = NULL
           FROM jsonb_to_recordset($1::jsonb) AS d(reference text, "to" text, at timestamptz)
          WHERE o.reference = d.reference AND o.status = 'pending'`,
        [JSON.stringify(rows)],
      );
    });
    return flushing;
  }

  async function deliver(entry: Claimed): Promise<void> {
    let to: string | undefined;
    let error: string | undefined;
    try {
      to = await send(entry);
    } catch (err) {
      error = describe(err);
    }
    const at = now();
    try {
      if (to) {
        await markDelivered(entry.reference, to, at);
        stats.delivered++;
        return;
      }
      stats.failed++;
      const dead = entry.attempts >= o.maxAttempts;
      const delay = backoffMs(entry.attempts, o.baseDelayMs, o.maxDelayMs, random);
      const next = new Date(at.getTime() + delay);
      // Only the lease holder decides what happens next: a twin that took over owns it now.
      const { rowCount } = await db.query(
        `UPDATE report_outbox
            SET status = $3, next_attempt_at = $4::timestamptz, last_error = $5,
                lease_token = NULL, leased_until = NULL,
                dead_at = CASE WHEN $3 = 'dead' THEN $6::timestamptz ELSE NULL END
          WHERE reference = $1 AND lease_token = $2 AND status = 'pending'`,
        [
          entry.reference,
          entry.token,
          dead ? 'dead' : 'pending',
          next.toISOString(),
          error ?? 'failed',
          at.toISOString(),
        ],
      );
      if (rowCount > 0 && dead) {
        stats.dead++;
        logger?.error(
          { reference: entry.reference, attempts: entry.attempts, error },
          'records: delivery dead-lettered; redeliver with `npm run records -- redeliver REF`',
        );
      } else if (rowCount > 0) {
        logger?.warn(
          { reference: entry.reference, attempts: entry.attempts, error, retryInMs: delay },
          'records: delivery failed, will retry',
        );
        wakeAt(Date.now() + delay);
      }
    } catch (err) {
      // The store is unreachable: the lease runs out and the entry is tried again later.
      logger?.error(
        { reference: entry.reference, err: describe(err) },
        'records: could not record delivery outcome',
      );
    }
  }

  async function loop(): Promise<void> {
    if (db.engine === 'pglite' && others === 0) {
      // Only this process can have the embedded store open: any lease is a dead run's.
      await db
        .query(
          `UPDATE report_outbox SET lease_token = NULL, leased_until = NULL
            WHERE status = 'pending' AND lease_token IS NOT NULL`,
        )
        .catch((err: unknown) => {
          logger?.warn({ err: describe(err) }, 'records: could not free stale leases');
        });
    }
    while (!stopping) {
      const free = o.concurrency - inFlight;
      if (free > 0 && mayHaveMore) {
        let claimed: Claimed[] = [];
        const seen = signals;
        try {
          claimed = await claim(free);
          mayHaveMore = claimed.length === free || signals !== seen;
        } catch (err) {
          logger?.warn({ err: describe(err) }, 'records: could not claim deliveries');
          mayHaveMore = false;
        }
        for (const entry of claimed) {
          inFlight++;
          void deliver(entry).finally(() => {
            inFlight--;
            if (inFlight === 0) for (const f of idle.splice(0)) f();
            if (mayHaveMore && !stopping) wake();
          });
        }
        if (mayHaveMore && o.concurrency - inFlight > 0) continue;
      }
      // stop() may have been called while the claim ran (closures escape narrowing).
      if (isStopping()) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          wakeUp = undefined;
          mayHaveMore = true;
          resolve();
        }, o.pollMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  const done = loop();

  return {
    stats,
    wake,
    async stop() {
      if (stopping) return done;
      stopping = true;
      unsubscribe();
      running.set(db, (running.get(db) ?? 1) - 1);
      if (retryTimer) clearTimeout(retryTimer);
      const w = wakeUp;
      wakeUp = undefined;
      w?.();
      await done;
      if (inFlight > 0) await new Promise<void>((resolve) => idle.push(resolve));
      agent?.destroy();
    },
  };
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return (code ? `${code}: ${err.message}` : err.message).slice(0, 500);
  }
  return String(err).slice(0, 500);
}

function post(
  url: URL,
  agent: http.Agent,
  timeoutMs: number,
  body: Buffer,
  headers: Record<string, string>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https.request : http.request)(
      url,
      { method: 'POST', agent, headers },
      (res) => {
        // Drain so the keep-alive socket can be reused; the body itself is not needed.
        res.resume();
        res.on('end', () => {
          clearTimeout(timer);
          resolve(res.statusCode ?? 0);
        });
        res.on('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
      },
    );
    const timer = setTimeout(() => {
      request.destroy(new DeliveryError(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    request.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    request.end(body);
  });
}
