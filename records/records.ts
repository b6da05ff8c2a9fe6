import type { Db } from '../store/db';
import { loadResources } from '../locales/load';
import { createTranslator, type Translator } from '../triage/i18n';
import type { SubmissionInput, SubmissionResult } from '../triage/machine';
import type { ForceProfile } from '../triage/profile';
import { TranscriptLineSchema, type TranscriptLine } from './transcript';
import { buildReport, type SubmitOrigin } from './build';
import { createInserter } from './insert';
import { nudge } from './nudge';
import { newReference, parseReference } from './reference';
import { ReportSchema, type Report } from './report';
import { DeliveryRow, DELIVERY_COLUMNS, type DeliveryState } from './rows';
import { z } from 'zod';

export type { SubmitOrigin } from './build';

/** Enough of pino's Logger for records (never report content: counts, references, routes). */
export interface RecordsLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface StoredReport {
  readonly reference: string;
  readonly submissionId: string;
  readonly route: string;
  readonly team: string;
  readonly channel: string;
  readonly conversationId: string;
  readonly submittedAt: Date;
  /** The exact JSON delivered. */
  readonly body: string;
  readonly report: Report;
  readonly delivery: DeliveryState;
  /** Present until purged by retention. */
  readonly transcript?: readonly TranscriptLine[];
}

export interface Records {
  /**
   * Builds the bluelamp.report/v1, validates it, and writes report + outbox entry (+ transcript)
   * in ONE transaction before resolving. Idempotent on input.submissionId: a retried submit
   * returns the same reference and writes nothing new. Rejects (never resolves) if it was not
   * stored.
   */
  submit(input: SubmissionInput, origin: SubmitOrigin): Promise<SubmissionResult>;
  /** Case, spaces and missing dashes ignored; undefined when not a reference or not found. */
  findByReference(reference: string): Promise<StoredReport | undefined>;
}

export interface RecordsOptions {
  readonly profile: ForceProfile;
  /** Defaults to every locale under locales/ (the consent statement is rendered as shown). */
  readonly translator?: Translator;
  readonly now?: () => Date;
  readonly logger?: RecordsLogger;
  /** For tests: where references come from (clashes are retried). */
  readonly newReference?: () => string;
}

let sharedTranslator: Translator | undefined;
export function defaultTranslator(): Translator {
  sharedTranslator ??= createTranslator(loadResources());
  return sharedTranslator;
}

/** A reference clashed with an existing one this many times in a row: something is badly wrong. */
const MAX_REFERENCE_TRIES = 5;

const ReferenceRow = z.object({ reference: z.string() });

const ReportRow = z.object({
  reference: z.string(),
  submission_id: z.string(),
  route: z.string(),
  team: z.string(),
  channel: z.string(),
  conversation_id: z.string(),
  body: z.string(),
  submitted_at: z.coerce.date(),
  lines: z.string().nullable(),
});

export function createRecords(db: Db, options: RecordsOptions): Records {
  const now = options.now ?? (() => new Date());
  const translator = options.translator ?? defaultTranslator();
  const reference = options.newReference ?? (() => newReference());
  const logger = options.logger;
  const insert = createInserter(db);

  async function existing(submissionId: string): Promise<string | undefined> {
    const { rows } = await db.query('SELECT reference FROM reports WHERE submission_id = $1', [
      submissionId,
    ]);
    return rows[0] ? ReferenceRow.parse(rows[0]).reference : undefined;
  }

  async function submit(input: SubmissionInput, origin: SubmitOrigin): Promise<SubmissionResult> {
    const submittedAt = now();
    const draft = buildReport(input, origin, {
      profile: options.profile,
      translator,
      reference: reference(),
      submittedAt,
    });
    const transcript = origin.transcript.map((l) => TranscriptLineSchema.parse(l));
    const lines = transcript.length > 0 ? JSON.stringify(transcript) : null;

    for (let attempt = 1; attempt <= MAX_REFERENCE_TRIES; attempt++) {
      const ref = attempt === 1 ? draft.reference : reference();
      const report: Report = {
        ...draft,
        reference: ref,
        ...(draft.transcript ? { transcript: { ...draft.transcript, reference: ref } } : {}),
      };
      // Stored by one statement (with any other submits of this moment: insert.ts), so the
      // report, its outbox entry and its transcript are all committed, or none is.
      const inserted = await insert({
        reference: ref,
        submission_id: input.submissionId,
        route: report.route,
        team: report.team.id,
        channel: report.channel,
        conversation_id: origin.conversationId,
        body: JSON.stringify(report),
        submitted_at: submittedAt.toISOString(),
        lines,
        line_count: transcript.length,
      });
      if (inserted) {
        logger?.info(
          { reference: ref, route: report.route, channel: report.channel },
          'records: report stored',
        );
        nudge(db);
        return { reference: ref };
      }
      const twin = await existing(input.submissionId);
      if (twin) return { reference: twin };
      logger?.warn({ attempt }, 'records: reference clash, drawing another');
    }
    throw new Error('records: could not draw an unused reference');
  }

  async function findByReference(typed: string): Promise<StoredReport | undefined> {
    const parsed = parseReference(typed);
    if (!parsed.ok) return undefined;
    return loadReport(db, parsed.reference);
  }

  return { submit, findByReference };
}

/** One stored report with its delivery state and transcript (if not yet purged). */
export async function loadReport(db: Db, reference: string): Promise<StoredReport | undefined> {
  const { rows } = await db.query(
    `SELECT r.reference, r.submission_id, r.route, r.team, r.channel, r.conversation_id, r.body,
            r.submitted_at, t.lines, ${DELIVERY_COLUMNS}
       FROM reports r
       JOIN report_outbox o ON o.reference = r.reference
       LEFT JOIN report_transcripts t ON t.reference = r.reference
      WHERE r.reference = $1`,
    [reference],
  );
  const row = rows[0];
  if (!row) return undefined;
  const r = ReportRow.parse(row);
  const transcript =
    r.lines === null ? undefined : z.array(TranscriptLineSchema).parse(JSON.parse(r.lines));
  return {
    reference: r.reference,
    submissionId: r.submission_id,
    route: r.route,
    team: r.team,
    channel: r.channel,
    conversationId: r.conversation_id,
    submittedAt: r.submitted_at,
    body: r.body,
    report: ReportSchema.parse(JSON.parse(r.body)),
    delivery: DeliveryRow.parse(row),
    ...(transcript ? { transcript } : {}),
  };
}
