import { z } from 'zod';
import type { Db } from '../store/db';
import { nudge } from './nudge';
import type { RecordsLogger } from './records';
import { DELIVERY_COLUMNS, DeliveryRow, type DeliveryState, type DeliveryStatus } from './rows';

/**
 * What the force's IT team needs to look after the hand-off (`npm run records -- …`): list and
 * find reports, see what is stuck, send again, and apply retention. Nothing here returns or logs
 * report content except `loadReport` (records.ts), which staff ask for by reference.
 */

export interface ReportSummary extends DeliveryState {
  readonly reference: string;
  readonly route: string;
  readonly team: string;
  readonly channel: string;
  readonly submittedAt: Date;
}

const SummaryRow = z
  .object({
    reference: z.string(),
    route: z.string(),
    team: z.string(),
    channel: z.string(),
    submitted_at: z.coerce.date(),
  })
  .and(DeliveryRow);

function toSummary(row: unknown): ReportSummary {
  const r = SummaryRow.parse(row);
  const { submitted_at, ...rest } = r;
  return { ...rest, submittedAt: submitted_at };
}

export interface ListOptions {
  readonly status?: DeliveryStatus;
  readonly limit?: number;
}

/** Newest first. */
export async function listReports(db: Db, options: ListOptions = {}): Promise<ReportSummary[]> {
  const { rows } = await db.query(
    `SELECT r.reference, r.route, r.team, r.channel, r.submitted_at, ${DELIVERY_COLUMNS}
       FROM reports r JOIN report_outbox o ON o.reference = r.reference
      WHERE ($1::text IS NULL OR o.status = $1::text)
      ORDER BY r.submitted_at DESC, r.reference
      LIMIT $2`,
    [options.status ?? null, options.limit ?? 50],
  );
  return rows.map(toSummary);
}

export function deadLetters(db: Db, limit = 200): Promise<ReportSummary[]> {
  return listReports(db, { status: 'dead', limit });
}

export async function outboxCounts(db: Db): Promise<Record<DeliveryStatus, number>> {
  const { rows } = await db.query(
    'SELECT status, count(*)::int AS n FROM report_outbox GROUP BY status',
  );
  const counts: Record<DeliveryStatus, number> = { pending: 0, delivered: 0, dead: 0 };
  for (const row of rows) {
    const r = z
      .object({ status: z.enum(['pending', 'delivered', 'dead']), n: z.number() })
      .parse(row);
    counts[r.status] = r.n;
  }
  return counts;
}

/**
 * Queues a report for delivery again: a dead letter once its cause is fixed, or a delivered one a
 * receiver lost. It goes with the same Idempotency-Key, so a receiver that kept it answers
 * "already received". Returns false when there is no such report.
 */
export async function redeliver(
  db: Db,
  reference: string,
  now: Date = new Date(),
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE report_outbox
        SET status = 'pending', attempts = 0, next_attempt_at = $2::timestamptz,
            lease_token = NULL, leased_until = NULL, last_error = NULL,
            delivered_at = NULL, delivered_to = NULL, dead_at = NULL
      WHERE reference = $1`,
    [reference, now.toISOString()],
  );
  if (rowCount > 0) nudge(db);
  return rowCount > 0;
}

export interface RetentionOptions {
  /** Delivered reports older than this (since delivery) are deleted, with their transcripts. */
  readonly reportDays: number;
  /** Transcripts older than this (since submission) of delivered reports are deleted. */
  readonly transcriptDays: number;
  readonly now?: Date;
  readonly dryRun?: boolean;
  readonly logger?: RecordsLogger;
}

export interface PurgeResult {
  readonly reports: number;
  readonly transcripts: number;
  readonly dryRun: boolean;
}

export const RetentionSchema = z.object({
  reportDays: z.number().min(0),
  transcriptDays: z.number().min(0),
});

/**
 * Retention: removes what has reached the records system and is past its time. Reports still
 * pending or dead-lettered are never removed (they are not anywhere else yet). Logs counts only.
 */
export async function purge(db: Db, options: RetentionOptions): Promise<PurgeResult> {
  const { reportDays, transcriptDays } = RetentionSchema.parse(options);
  const now = options.now ?? new Date();
  const day = 86_400_000;
  const reportCutoff = new Date(now.getTime() - reportDays * day).toISOString();
  const transcriptCutoff = new Date(now.getTime() - transcriptDays * day).toISOString();
  const count = z.object({ n: z.number() });
  const result = await db.transaction(async (tx) => {
    if (options.dryRun) {
      const reports = await tx.query(
        `SELECT count(*)::int AS n FROM report_outbox
          WHERE status = 'delivered' AND delivered_at < $1::timestamptz`,
        [reportCutoff],
      );
      const transcripts = await tx.query(
        `SELECT count(*)::int AS n FROM report_transcripts t
           JOIN report_outbox o ON o.reference = t.reference AND o.status = 'delivered'
          WHERE t.created_at < $1::timestamptz OR o.delivered_at < $2::timestamptz`,
        [transcriptCutoff, reportCutoff],
      );
      return {
        reports: count.parse(reports.rows[0]).n,
        transcripts: count.parse(transcripts.rows[0]).n,
      };
    }
    // Transcripts first, so the count includes those that go with their reports.
    const transcripts = await tx.query(
      `DELETE FROM report_transcripts t
        USING report_outbox o
        WHERE o.reference = t.reference AND o.status = 'delivered'
          AND (t.created_at < $1::timestamptz OR o.delivered_at < $2::timestamptz)`,
      [transcriptCutoff, reportCutoff],
    );
    const reports = await tx.query(
      `DELETE FROM reports r
        USING report_outbox o
        WHERE o.reference = r.reference AND o.status = 'delivered'
          AND o.delivered_at < $1::timestamptz`,
      [reportCutoff],
    );
    return { reports: reports.rowCount, transcripts: transcripts.rowCount };
  });
  const dryRun = options.dryRun === true;
  options.logger?.info(
    { ...result, dryRun, reportDays, transcriptDays },
    dryRun ? 'records: purge (dry run) would remove' : 'records: purge removed',
  );
  return { ...result, dryRun };
}
