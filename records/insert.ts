import type { Db } from '../store/db';
import { z } from 'zod';

/**
 * Group commit for submits. Every submit that arrives in the same turn of the event loop is
 * written by ONE statement: each report with its outbox entry and transcript, all committed
 * together or not at all. A report is never split across statements, so "stored before
 * submitted" holds per report exactly as with one statement each; under load this turns dozens
 * of round trips and commits (each a WAL flush) into one, which is most of what a submit costs.
 *
 * `ON CONFLICT DO NOTHING` skips a row whose reference or submission id is taken — including by
 * another row of the same batch — and then inserts nothing else for it; the caller learns which
 * rows went in and resolves the rest (a twin submission, or a reference clash to retry).
 */

export interface ReportRow {
  readonly reference: string;
  readonly submission_id: string;
  readonly route: string;
  readonly team: string;
  readonly channel: string;
  readonly conversation_id: string;
  readonly body: string;
  readonly submitted_at: string;
  readonly lines: string | null;
  readonly line_count: number;
}

const INSERT = `
  WITH input AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
      reference text, submission_id text, route text, team text, channel text,
      conversation_id text, body text, submitted_at timestamptz, lines text, line_count int)
  ), report AS (
    INSERT INTO reports
      (reference, submission_id, route, team, channel, conversation_id, body, submitted_at)
    SELECT reference, submission_id, route, team, channel, conversation_id, body, submitted_at
      FROM input
    ON CONFLICT DO NOTHING
    RETURNING reference, submission_id
  ), outbox AS (
    INSERT INTO report_outbox (reference, next_attempt_at, created_at)
    SELECT i.reference, i.submitted_at, i.submitted_at
      FROM report r JOIN input i USING (reference, submission_id)
  ), transcript AS (
    INSERT INTO report_transcripts (reference, lines, line_count, created_at)
    SELECT i.reference, i.lines, i.line_count, i.submitted_at
      FROM report r JOIN input i USING (reference, submission_id)
     WHERE i.lines IS NOT NULL
  )
  SELECT reference, submission_id FROM report`;

const Inserted = z.object({ reference: z.string(), submission_id: z.string() });

/** Most rows in one statement; more wait for the next one (which starts as this one ends). */
const MAX_BATCH = 64;

export function createInserter(db: Db): (row: ReportRow) => Promise<boolean> {
  let queue: { row: ReportRow; done: (inserted: boolean) => void; fail: (e: unknown) => void }[] =
    [];
  let scheduled = false;

  async function flush(): Promise<void> {
    const batch = queue.slice(0, MAX_BATCH);
    queue = queue.slice(MAX_BATCH);
    try {
      const { rows } = await db.query(INSERT, [JSON.stringify(batch.map((b) => b.row))]);
      // A row went in when its reference came back with ITS submission id (two rows of one
      // batch may draw the same reference, or carry the same submission id).
      const inserted = new Map(
        rows.map((r) => {
          const row = Inserted.parse(r);
          return [row.reference, row.submission_id];
        }),
      );
      for (const b of batch) b.done(inserted.get(b.row.reference) === b.row.submission_id);
    } catch (err) {
      for (const b of batch) b.fail(err);
    }
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      void flush();
      // More than one statement's worth: the rest go now too (PostgreSQL runs them side by side).
      if (queue.length > 0) schedule();
    });
  }

  return (row) =>
    new Promise<boolean>((resolve, reject) => {
      queue.push({ row, done: resolve, fail: reject });
      schedule();
    });
}
